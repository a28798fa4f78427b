//! One customer's story, a day at a time: it arrives (with its first stage, and,
//! for a customer already in the CRM when the store goes live, a few contacts
//! from before), then each day may bring a stage change, a contact with a note,
//! a demo or its cancellation, a technical discussion, a progress update. A few
//! records are logged days late. What the rules then do (health, signals, tasks,
//! escalations) is theirs: the story only records what people did.

use chrono::{DateTime, Utc};

use super::context::Ctx;
use super::customers::{NewCustomer, Profile, new_customer};
use super::dice::{Dice, Stream, day_id, key_id};
use super::stages::{Next, Phase, mild_blocker};
use super::updates::{UpdateOf, update};
use crate::store::NewEvent;

/// Share of customers already in the CRM when the store goes live.
const BACKLOG: f64 = 0.3;
/// How far back a backlog customer may have been created, in days.
const BACKLOG_DAYS: u32 = 150;
/// Share of records logged late, and at most how many days late.
const LATE_RATE: f64 = 0.04;
const MAX_LATE_DAYS: u32 = 3;
/// A day of no story.
const NEVER: i64 = i64::MAX;

const LOSS_REASONS: [&str; 5] = [
    "客户选择了友商方案",
    "预算冻结,项目取消",
    "客户决定暂缓数字化项目",
    "价格超出客户预算",
    "客户换了负责人,项目搁置",
];
const CANCEL_REASONS: [&str; 4] = [
    "生产线临时检修",
    "领导临时出差",
    "内部会议冲突",
    "客户IT人员请假",
];

/// What the generator keeps about a customer between days.
pub struct Story {
    /// Its profile.
    pub profile: Profile,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// Its stage (an index into the flow's stages).
    stage: usize,
    /// Stage visits so far.
    visits: u32,
    /// The day it leaves the stage, and where to.
    leave: i64,
    next: Next,
    /// What blocks the current visit.
    blocker: Option<&'static str>,
    next_contact: i64,
    next_update: i64,
    /// From this day on nobody contacts it.
    quiet_from: i64,
    /// Won or lost.
    closed: bool,
}

/// The records of one customer's day: those logged on time, and those logged
/// late (with the day they are logged).
#[derive(Default)]
pub struct DayRecords {
    /// Recorded the day they happen.
    pub now: Vec<NewEvent>,
    /// Recorded on a later day.
    pub late: Vec<(i64, NewEvent)>,
}

/// The day customer `index` arrives: 0 for the backlog, then spread evenly.
pub fn arrival_day(ctx: &Ctx<'_>, index: u32, days: u32) -> i64 {
    let backlog = backlog_size(ctx.customers);
    if index < backlog {
        return 0;
    }
    let rest = u64::from(ctx.customers - backlog).max(1);
    i64::try_from(u64::from(index - backlog) * u64::from(days) / rest).unwrap_or(0)
}

/// Customers already in the CRM at the start.
fn backlog_size(customers: u32) -> u32 {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a share of a u32"
    )]
    let n = (f64::from(customers) * BACKLOG) as u32;
    n
}

/// Customer `index` arriving on `day`: its row, its story, and its first records.
pub fn arrive(ctx: &Ctx<'_>, index: u32, day: i64) -> (NewCustomer, Story, Vec<NewEvent>) {
    let mut dice = Dice::new(ctx.seed, Stream::Profile, &[u64::from(index)]);
    let backlog = index < backlog_size(ctx.customers);
    let created_day = if backlog {
        -i64::from(dice.below(1, BACKLOG_DAYS))
    } else {
        day
    };
    let created = ctx.clock.office_time(created_day, &mut dice);
    let id = ctx.customer_id(index);
    let customer = new_customer(
        ctx.flow,
        &mut dice,
        id.clone(),
        created,
        &ctx.roster.owners,
        &ctx.roster.presales,
    );
    let profile = customer.profile;
    let stage = if backlog {
        ctx.pipeline.backlog_stage(&mut dice)
    } else {
        ctx.pipeline.open.first().copied().unwrap_or(0)
    };
    let mut records = vec![stage_change(ctx, &id, stage, created, None)];
    let mut story = Story {
        profile,
        created,
        stage,
        visits: 0,
        leave: NEVER,
        next: Next::Stall,
        blocker: None,
        next_contact: day + i64::from(dice.below(0, u32::from(profile.cadence))),
        next_update: day + i64::from(dice.below(1, 8)),
        quiet_from: if profile.forgotten {
            created_day + i64::from(dice.below(0, 20))
        } else {
            NEVER
        },
        closed: false,
    };
    story.enter(ctx, index, stage, created_day);
    if story.leave < day {
        // A backlog deal that should have moved on by now is stuck a little longer.
        story.leave = day + i64::from(dice.below(0, 7));
    }
    if backlog && !profile.forgotten {
        // The CRM's history before going live: a few contacts.
        for _ in 0..dice.below(1, 4) {
            let past =
                created_day + i64::from(dice.below(0, u32::try_from(-created_day).unwrap_or(1)));
            let at = ctx.clock.office_time(past, &mut dice).max(created);
            if at < ctx.clock.live_from() {
                records.push(story.contact(ctx, &id, &mut dice, at));
            }
        }
    }
    records.sort_by_key(|e| e.at);
    (customer, story, records)
}

impl Story {
    /// Enters `stage` on `day`: plans how the visit goes.
    fn enter(&mut self, ctx: &Ctx<'_>, index: u32, stage: usize, day: i64) {
        self.stage = stage;
        self.visits += 1;
        if ctx.pipeline.is_final(stage) {
            self.closed = true;
            return;
        }
        let mut dice = Dice::new(
            ctx.seed,
            Stream::Visit,
            &[u64::from(index), u64::from(self.visits)],
        );
        let plan = ctx.pipeline.plan(stage, &mut dice);
        self.blocker = plan.blocker;
        self.next = plan.next;
        self.leave = match plan.next {
            Next::Stage(_) => day + i64::from(plan.days),
            Next::Stall => NEVER,
        };
    }

    /// The customer's records of `day`.
    pub fn day(&mut self, ctx: &Ctx<'_>, index: u32, day: i64) -> DayRecords {
        let mut out = DayRecords::default();
        let due = self.leave <= day || day >= self.next_contact || day >= self.next_update;
        if self.closed || !due || self.created > ctx.clock.tick(day) {
            return out;
        }
        let id = ctx.customer_id(index);
        let mut dice = Dice::new(ctx.seed, Stream::Day, &[u64::from(index), day_id(day)]);
        let workday = ctx.clock.is_workday(day);
        let mut times: Vec<DateTime<Utc>> = (0..3)
            .map(|_| ctx.clock.office_time(day, &mut dice).max(self.created))
            .collect();
        times.sort();
        let mut records = Vec::new();
        if self.leave <= day {
            if let Next::Stage(to) = self.next {
                records.push(self.move_to(ctx, index, &id, to, times[0], day, &mut dice));
            }
        }
        let quiet = day >= self.quiet_from;
        if !self.closed && !quiet && day >= self.next_contact {
            if workday || dice.chance(0.2) {
                records.push(self.contact(ctx, &id, &mut dice, times[1]));
                let cadence = f64::from(self.profile.cadence) * (0.6 + 0.8 * dice.unit());
                #[expect(clippy::cast_possible_truncation, reason = "a few days")]
                let gap = (cadence.round() as i64).max(1);
                self.next_contact = day + gap;
            } else {
                self.next_contact = day + 1;
            }
        }
        if !self.closed && !quiet && day >= self.next_update {
            if workday {
                records.push(self.update(ctx, &id, &mut dice, times[2]));
                self.next_update = day + i64::from(dice.below(5, 10));
            } else {
                self.next_update = day + 1;
            }
        }
        for record in records {
            let late = if record.kind == "stage_change" {
                LATE_RATE / 2.0
            } else {
                LATE_RATE
            };
            if dice.chance(late) {
                out.late
                    .push((day + i64::from(dice.below(1, MAX_LATE_DAYS + 1)), record));
            } else {
                out.now.push(record);
            }
        }
        out
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one customer's move, fully described"
    )]
    fn move_to(
        &mut self,
        ctx: &Ctx<'_>,
        index: u32,
        id: &str,
        to: usize,
        at: DateTime<Utc>,
        day: i64,
        dice: &mut Dice,
    ) -> NewEvent {
        let owner = &ctx.roster.owners[usize::from(self.profile.owner) % ctx.roster.owners.len()];
        let text = if Some(to) == ctx.pipeline.lost {
            Some(format!("丢单原因:{}", dice.pick(&LOSS_REASONS)))
        } else if Some(to) == ctx.pipeline.won {
            Some("合同已签署".to_string())
        } else {
            None
        };
        let event = stage_change(ctx, id, to, at, Some(owner)).with_text(text);
        self.enter(ctx, index, to, day);
        if !self.closed {
            // A new stage is a reason to call soon.
            self.next_contact = self.next_contact.min(day + 2);
        }
        event
    }

    /// A contact with a note: a visit, call or chat (a demo or its cancellation
    /// before the trial, a technical discussion during it).
    fn contact(&self, ctx: &Ctx<'_>, id: &str, dice: &mut Dice, at: DateTime<Utc>) -> NewEvent {
        let phase = ctx.pipeline.phase(self.stage);
        let demo = Some(self.stage) == ctx.pipeline.before_slowest();
        let need = self.profile.need(dice);
        let owner = &ctx.roster.owners[usize::from(self.profile.owner) % ctx.roster.owners.len()];
        let mut e = NewEvent::new(id, at, "", "import");
        e.actor = Some(owner.clone());
        if demo && ctx.has_kind("demo") && dice.chance(0.35) {
            let cancel = if self.profile.flaky { 0.7 } else { 0.15 };
            if ctx.has_kind("demo_cancelled") && dice.chance(cancel) {
                e.kind = "demo_cancelled".into();
                e.text = Some(format!("客户临时取消演示:{}", dice.pick(&CANCEL_REASONS)));
            } else {
                e.kind = "demo".into();
                e.role = Some("decision_maker".into());
                e.text = Some(format!("产品演示:{need},{}参加", self.profile.who(0)));
            }
            return e;
        }
        if phase == Phase::Trial && ctx.has_kind("tech_discussion") && dice.chance(0.25) {
            let presales = &ctx.roster.presales
                [usize::from(self.profile.presales) % ctx.roster.presales.len()];
            e.kind = "tech_discussion".into();
            e.actor = Some(presales.clone());
            e.role = Some("tech_lead".into());
            e.text = Some(
                ctx.notes
                    .note(dice, phase, false, &self.profile.who(1), need),
            );
            return e;
        }
        e.kind.clone_from(dice.weighted(&ctx.contact_kinds));
        let (role, who) = if dice.below(0, 100) < u32::from(self.profile.decision_maker_share) {
            ("decision_maker", 0)
        } else if dice.chance(0.6) {
            ("tech_lead", 1)
        } else {
            ("purchasing", 2)
        };
        e.role = Some(role.into());
        e.text = Some(
            ctx.notes
                .note(dice, phase, demo, &self.profile.who(who), need),
        );
        e
    }

    fn update(&self, ctx: &Ctx<'_>, id: &str, dice: &mut Dice, at: DateTime<Utc>) -> NewEvent {
        let owner = &ctx.roster.owners[usize::from(self.profile.owner) % ctx.roster.owners.len()];
        let blocker = self.blocker.unwrap_or_else(|| mild_blocker(dice));
        let of = UpdateOf {
            customer: id,
            actor: owner,
            phase: ctx.pipeline.phase(self.stage),
            demo: Some(self.stage) == ctx.pipeline.before_slowest(),
            blocker,
        };
        update(ctx.flow, dice, &of, at)
    }
}

/// How often a team attaches evidence to entering a milestone that does not
/// require it (a requirements sheet, a demo's minutes): most of the time, so the
/// journey report's node coverage is high but short of a strict goal.
const MILESTONE_EVIDENCE: f64 = 0.8;

/// A `stage_change` into `stage`, with evidence where the stage requires it and,
/// most of the time, where it is a milestone.
fn stage_change(
    ctx: &Ctx<'_>,
    id: &str,
    stage: usize,
    at: DateTime<Utc>,
    actor: Option<&String>,
) -> NewEvent {
    let s = &ctx.flow.stages[stage];
    let mut e = NewEvent::new(id, at, "stage_change", "import");
    e.actor = actor.cloned();
    e.attrs.insert("stage".into(), s.name.clone());
    let attach = s.evidence_required
        || (s.milestone
            && Dice::new(
                ctx.seed,
                Stream::Evidence,
                &[key_id(id), stage as u64, at.timestamp().unsigned_abs()],
            )
            .chance(MILESTONE_EVIDENCE));
    if attach {
        e.evidence = vec![format!("{}确认单-{id}.pdf", s.name.to_uppercase())];
    }
    e
}

/// Sets an event's text.
trait WithText {
    fn with_text(self, text: Option<String>) -> Self;
}

impl WithText for NewEvent {
    fn with_text(mut self, text: Option<String>) -> Self {
        self.text = text;
        self
    }
}
