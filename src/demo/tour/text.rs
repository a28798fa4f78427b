//! The tour's sentences in English and Chinese. Until the message catalogue
//! (`src/i18n`) is on main, they live here, each with its named arguments
//! (`{name}`), so moving them into the catalogue is a matter of copying keys.

use crate::cli::Lang;

/// A sentence of the tour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// The first line.
    Title,
    /// Heading: what people recorded.
    Recorded,
    /// Records, and how many were late.
    Records,
    /// Tasks closed.
    Tasks,
    /// Signals judged.
    Verdicts,
    /// Heading: what the rules did.
    RulesDid,
    /// Health changes.
    Health,
    /// Signals raised.
    Signals,
    /// Escalation steps fired.
    Steps,
    /// Tasks the rules created.
    TasksCreated,
    /// Where the customers are now.
    Stages,
    /// Heading: examples.
    Examples,
    /// A health change.
    HealthExample,
    /// The condition that decided.
    Because,
    /// An event given as evidence.
    Evidence,
    /// A risk signal.
    SignalExample,
    /// A signal's verdict.
    Judged,
    /// A risk's strategy.
    Strategy,
    /// An escalation step.
    StepExample,
    /// One of its messages.
    Message,
    /// Heading: the outbox.
    Outbox,
    /// Messages in the outbox.
    OutboxCounts,
    /// Heading: reports.
    Reports,
    /// The reports are not built yet.
    ReportsPending,
    /// Heading: files.
    Files,
    /// The project folder.
    Project,
    /// The store.
    Store,
    /// Heading: what to try next.
    TryNext,
    /// Errors the rules met.
    RuleErrors,
    /// `--no-tour`: one line.
    Built,
    /// Nothing of this kind.
    None,
}

impl Line {
    /// The sentence in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Line::Title => (
                "salesflow demo: {customers} customers over {days} days ({from} to {to}, {zone}), seed {seed}, rules “{flow}”",
                "salesflow 演示:{customers} 个客户,{days} 天({from} 至 {to},{zone}),种子 {seed},规则“{flow}”",
            ),
            Line::Recorded => ("What the team recorded", "团队记录了什么"),
            Line::Records => (
                "{events} records (contacts with notes, updates, stage changes, tasks done, verdicts); {late} logged late, after an apply had passed their time",
                "{events} 条记录(拜访和备注、进展更新、阶段变更、任务完成、信号判定);其中 {late} 条是补录的,录入时 apply 已经过了它们的时间",
            ),
            Line::Tasks => (
                "tasks: {on_time} done on time, {late} done late, {overdue} still open past their due time",
                "任务:{on_time} 个按时完成,{late} 个逾期完成,{overdue} 个已过期仍未完成",
            ),
            Line::Verdicts => (
                "risk signals judged: {confirmed} confirmed, {false} false alarms",
                "风险信号判定:{confirmed} 个属实,{false} 个误报",
            ),
            Line::RulesDid => ("What the rules did", "规则做了什么"),
            Line::Health => ("health changes: {list}", "健康度变化:{list}"),
            Line::Signals => ("risk signals: {n} ({list})", "风险信号:{n} 个({list})"),
            Line::Steps => ("escalation steps fired: {list}", "升级步骤触发:{list}"),
            Line::TasksCreated => ("tasks created: {list}", "创建的任务:{list}"),
            Line::Stages => ("customers by stage now: {list}", "客户当前阶段:{list}"),
            Line::Examples => ("Examples", "实例"),
            Line::HealthExample => (
                "{name} ({id}) turned {label} ({state}) on {at}",
                "{name}({id})于 {at} 变为{label}({state})",
            ),
            Line::Because => ("because: {rule}", "依据:{rule}"),
            Line::Evidence => (
                "evidence: {kind} by {actor}, {at}: “{text}”",
                "证据:{at} {actor} 的 {kind}:“{text}”",
            ),
            Line::SignalExample => (
                "risk {label} ({risk}) on {name} ({id}): keyword “{keyword}” in the {kind} of {at}: “{text}”",
                "{name}({id})的风险“{label}”({risk}):{at} 的 {kind} 中出现关键词“{keyword}”:“{text}”",
            ),
            Line::Judged => ("judged: {verdict}", "判定:{verdict}"),
            Line::Strategy => ("strategy: {strategy}", "应对策略:{strategy}"),
            Line::StepExample => (
                "escalation {label} ({escalation}), step `{step}` due {at}, for {name} ({id})",
                "升级“{label}”({escalation})的步骤 `{step}` 于 {at} 到期,客户 {name}({id})",
            ),
            Line::Message => ("to {to}{cc}: “{body}”", "发给 {to}{cc}:“{body}”"),
            Line::Outbox => ("Outbox", "消息发件箱"),
            Line::OutboxCounts => (
                "{n} messages: {notify} to the team, {message} to customers; {pending} waiting for delivery, {suppressed} suppressed (produced before going live, never sent)",
                "{n} 条消息:{notify} 条发给团队,{message} 条发给客户;{pending} 条待发送,{suppressed} 条已抑制(上线前产生,不会发送)",
            ),
            Line::Reports => ("Reports", "报表"),
            Line::ReportsPending => (
                "the funnel, dwell and journey reports appear here once `salesflow report` is built in",
                "`salesflow report` 就绪后,这里会显示漏斗、停留时长和旅程三张报表",
            ),
            Line::Files => ("Files", "文件"),
            Line::Project => (
                "project: {dir} (salesflow.yaml, rules/, team.yaml)",
                "项目:{dir}(salesflow.yaml、rules/、team.yaml)",
            ),
            Line::Store => ("store: {db}", "数据库:{db}"),
            Line::TryNext => ("Try next", "接下来可以试试"),
            Line::RuleErrors => (
                "the rules met {n} errors (a template with an undefined value), e.g. {first}",
                "规则运行时出现 {n} 个错误(模板中有未定义的值),例如 {first}",
            ),
            Line::Built => (
                "built {db}: {customers} customers, {events} records over {days} days ({from} to {to})",
                "已生成 {db}:{customers} 个客户,{days} 天({from} 至 {to})共 {events} 条记录",
            ),
            Line::None => ("none", "无"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// The sentence in `lang` with its `{name}`s filled in.
    pub fn fill(self, lang: Lang, args: &[(&str, &str)]) -> String {
        let mut out = self.text(lang).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Line; 31] = [
        Line::Title,
        Line::Recorded,
        Line::Records,
        Line::Tasks,
        Line::Verdicts,
        Line::RulesDid,
        Line::Health,
        Line::Signals,
        Line::Steps,
        Line::TasksCreated,
        Line::Stages,
        Line::Examples,
        Line::HealthExample,
        Line::Because,
        Line::Evidence,
        Line::SignalExample,
        Line::Judged,
        Line::Strategy,
        Line::StepExample,
        Line::Message,
        Line::Outbox,
        Line::OutboxCounts,
        Line::Reports,
        Line::ReportsPending,
        Line::Files,
        Line::Project,
        Line::Store,
        Line::TryNext,
        Line::RuleErrors,
        Line::Built,
        Line::None,
    ];

    /// The `{name}`s of a text, sorted.
    fn names(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn both_languages_take_the_same_arguments() {
        for line in ALL {
            assert_eq!(
                names(line.text(Lang::En)),
                names(line.text(Lang::Zh)),
                "{line:?}"
            );
            assert_ne!(line.text(Lang::En), line.text(Lang::Zh), "{line:?}");
        }
    }
}
