//! Every human-readable word of the reports, in English and Chinese: titles,
//! column headers, units and the finding sentences. Kept in this one file so
//! that moving them into the message catalogue is mechanical.
//!
//! Chinese follows the seed's style: full-width brackets and colons, 「」 around a
//! quoted value, a space between a label and a figure (`POC验证 节点覆盖率 61%`).

use std::fmt::Write as _;

/// The language of the report's words. JSON keys and codes stay English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// `zh*` in `LC_ALL`, `LC_MESSAGES` or `LANG` (the first one set) gives
    /// Chinese; anything else English.
    pub fn from_env() -> Lang {
        let var = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
        match var {
            Some(v) if v.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The text for this language.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// `lang` of the HTML document.
    pub fn html(self) -> &'static str {
        self.pick("en", "zh-CN")
    }
}

/// A word or header of the reports (each variant is the word it names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Funnel,
    Dwell,
    Journey,
    ComparedWith,
    Stage,
    Reached,
    Conversion,
    PassRate,
    Won,
    Lost,
    Visits,
    Mean,
    Median,
    P90,
    MeanWorking,
    MedianWorking,
    P90Working,
    Expect,
    Overdue,
    TopReasons,
    DelayReasons,
    NoneRecorded,
    Heatmap,
    Week,
    Owner,
    Segment,
    Tag,
    NoSegment,
    Untagged,
    Metric,
    Value,
    Goal,
    Met,
    Yes,
    No,
    Numerator,
    Denominator,
    Milestone,
    Coverage,
    Customers,
    Covered,
    Findings,
    NoFindings,
    ActiveCustomers,
    NodeCoverage,
    ResponseSla,
    RiskAccuracy,
    Change,
    NoData,
    WorkingDaysOn,
}

impl Word {
    /// The word in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Word::Funnel => ("Funnel", "销售漏斗"),
            Word::Dwell => ("Stage dwell", "阶段停留时长"),
            Word::Journey => ("Journey goals", "旅程目标"),
            Word::ComparedWith => ("compared with", "对比区间"),
            Word::Stage => ("stage", "阶段"),
            Word::Reached => ("reached", "到达客户数"),
            Word::Conversion => ("conversion", "转化率"),
            Word::PassRate => ("pass rate", "通过率"),
            Word::Won => ("won", "赢单"),
            Word::Lost => ("lost", "丢单"),
            Word::Visits => ("visits", "次数"),
            Word::Mean => ("mean", "平均"),
            Word::Median => ("median", "中位数"),
            Word::P90 => ("p90", "P90"),
            Word::MeanWorking => ("mean (working)", "平均（工作日）"),
            Word::MedianWorking => ("median (working)", "中位数（工作日）"),
            Word::P90Working => ("p90 (working)", "P90（工作日）"),
            Word::Expect => ("expect", "预期"),
            Word::Overdue => ("overdue", "超期占比"),
            Word::TopReasons => ("top delay reasons", "主要延误原因"),
            Word::DelayReasons => ("Delay reasons", "延误原因"),
            Word::NoneRecorded => ("(none recorded)", "（未记录）"),
            Word::Heatmap => ("Mean dwell", "平均停留时长"),
            Word::Week => ("week", "周"),
            Word::Owner => ("owner", "负责人"),
            Word::Segment => ("segment", "客群"),
            Word::Tag => ("tag", "标签"),
            Word::NoSegment => ("(no segment)", "（无客群）"),
            Word::Untagged => ("(untagged)", "（无标签）"),
            Word::Metric => ("metric", "指标"),
            Word::Value => ("value", "数值"),
            Word::Goal => ("goal", "目标"),
            Word::Met => ("met", "达标"),
            Word::Yes => ("yes", "是"),
            Word::No => ("no", "否"),
            Word::Numerator => ("numerator", "分子"),
            Word::Denominator => ("denominator", "分母"),
            Word::Milestone => ("milestone", "里程碑"),
            Word::Coverage => ("coverage", "覆盖率"),
            Word::Customers => ("customers", "客户数"),
            Word::Covered => ("with evidence", "有证据"),
            Word::Findings => ("Findings", "发现"),
            Word::NoFindings => ("every goal is met", "所有目标均已达成"),
            Word::ActiveCustomers => ("active customers", "活跃客户"),
            Word::NodeCoverage => ("node coverage", "节点覆盖率"),
            Word::ResponseSla => ("response SLA", "响应及时率"),
            Word::RiskAccuracy => ("risk accuracy", "风险识别准确率"),
            Word::Change => ("change", "变化"),
            Word::NoData => ("no data in this period", "本区间无数据"),
            Word::WorkingDaysOn => ("working days on calendar", "工作日按日历"),
        };
        lang.pick(en, zh)
    }
}

/// `14.2d` / `14.2天`; `–` when there is no figure.
pub fn days(d: Option<f64>, lang: Lang) -> String {
    match d {
        Some(d) => format!("{d:.1}{}", lang.pick("d", "天")),
        None => "–".into(),
    }
}

/// `61%`; `–` when there is no figure.
pub fn percent(share: Option<f64>) -> String {
    match share {
        Some(s) => format!("{:.0}%", s * 100.0),
        None => "–".into(),
    }
}

/// A change of a share, in percentage points: `+5 pp` / `+5个百分点`.
pub fn points(delta: f64, lang: Lang) -> String {
    format!("{:+.0}{}", delta * 100.0, lang.pick(" pp", "个百分点"))
}

/// The goal as written: `80%`, or with its operator when it is not `>=`.
pub fn goal(op: &str, threshold: f64) -> String {
    if op == ">=" {
        percent(Some(threshold))
    } else {
        format!("{op} {}", percent(Some(threshold)))
    }
}

/// A quoted value: `「X」` in Chinese, `X` in English.
fn quoted(value: &str, lang: Lang) -> String {
    match lang {
        Lang::En => value.to_string(),
        Lang::Zh => format!("「{value}」"),
    }
}

/// What a node-coverage finding says.
pub struct CoverageFinding<'a> {
    pub milestone: &'a str,
    pub value: f64,
    pub goal: &'a str,
    pub missing: u64,
    pub blocker: Option<(&'a str, u64)>,
    pub strategy: Option<&'a str>,
    pub evidence_required: bool,
}

/// `POC验证 节点覆盖率 61%（目标 80%）：7 家客户缺失，主因「客户内部测试环境未就绪」（3 家）。建议…`
pub fn coverage_finding(f: &CoverageFinding<'_>, lang: Lang) -> (String, String) {
    let pct = percent(Some(f.value));
    let mut s = match lang {
        Lang::En => format!(
            "{} node coverage {pct} (goal {}): {} customers missing it",
            f.milestone, f.goal, f.missing
        ),
        Lang::Zh => format!(
            "{} 节点覆盖率 {pct}（目标 {}）：{} 家客户缺失",
            f.milestone, f.goal, f.missing
        ),
    };
    let suggestion = match (f.blocker, f.strategy) {
        (Some((b, n)), _) => {
            let _ = match lang {
                Lang::En => write!(s, "; main blocker {b} ({n} of them)"),
                Lang::Zh => write!(s, "，主因{}（{n} 家）", quoted(b, lang)),
            };
            match (f.strategy, lang) {
                (Some(st), _) => st.to_string(),
                (None, Lang::En) => format!(
                    "settle {b} with those {n} customers one by one and record the evidence when they reach {}",
                    f.milestone
                ),
                (None, Lang::Zh) => format!(
                    "逐一与这 {n} 家客户确认{}的解决时间，并在进入 {} 时登记证据",
                    quoted(b, lang),
                    f.milestone
                ),
            }
        }
        (None, _) => {
            let _ = write!(
                s,
                "{}",
                lang.pick("; no blocker recorded", "，均未记录阻塞原因")
            );
            match (f.evidence_required, lang) {
                (false, Lang::En) => format!(
                    "require evidence on entering {} (`evidence required` in the pipeline)",
                    f.milestone
                ),
                (false, Lang::Zh) => format!(
                    "在 pipeline 中为 {} 加上 `evidence required`，进入时必须登记证据",
                    f.milestone
                ),
                (true, Lang::En) => format!(
                    "check why these customers skipped {} and ask their owners to record an update with the blocker",
                    f.milestone
                ),
                (true, Lang::Zh) => format!(
                    "核查这些客户为何跳过了 {}，并请负责人补录带阻塞原因的进展",
                    f.milestone
                ),
            }
        }
    };
    finish(s, suggestion, lang)
}

/// What a response-SLA finding says.
pub struct SlaFinding<'a> {
    pub value: f64,
    pub goal: &'a str,
    pub person: &'a str,
    pub role: &'a str,
    pub missed: u64,
    pub counted: u64,
    pub title: &'a str,
}

/// `响应及时率 85%（目标 92%）：王工（presales）未按时完成最多，12 项中 5 项超时，多为「技术可行性报告」。建议…`
pub fn sla_finding(f: &SlaFinding<'_>, lang: Lang) -> (String, String) {
    let pct = percent(Some(f.value));
    let who = match (f.role.is_empty(), lang) {
        (true, _) => f.person.to_string(),
        (false, Lang::En) => format!("{} ({})", f.person, f.role),
        (false, Lang::Zh) => format!("{}（{}）", f.person, f.role),
    };
    let s = match lang {
        Lang::En => format!(
            "response SLA {pct} (goal {}): {who} has the most missed tasks, {} of {}, mostly {}",
            f.goal, f.missed, f.counted, f.title
        ),
        Lang::Zh => format!(
            "响应及时率 {pct}（目标 {}）：{who}{}未按时完成最多，{} 项中 {} 项超时，多为{}",
            f.goal,
            if f.role.is_empty() { " " } else { "" },
            f.counted,
            f.missed,
            quoted(f.title, lang)
        ),
    };
    let suggestion = match lang {
        Lang::En => format!(
            "review {}'s workload, hand part of the {} tasks to a colleague, and remind before they fall due",
            f.person, f.title
        ),
        Lang::Zh => format!(
            "核查 {} 的工作量，把部分{}分给同事，并在到期前提醒",
            f.person,
            quoted(f.title, lang)
        ),
    };
    finish(s, suggestion, lang)
}

/// What a risk-accuracy finding says.
pub struct RiskFinding<'a> {
    pub value: f64,
    pub goal: &'a str,
    pub risk: &'a str,
    pub label: &'a str,
    pub false_alarms: u64,
    pub judged: u64,
    pub keyword: &'a str,
}

/// `风险识别准确率 60%（目标 75%）：风险「采购流程新增法务环节」误报最多…。建议复核其关键词…`
pub fn risk_finding(f: &RiskFinding<'_>, lang: Lang) -> (String, String) {
    let pct = percent(Some(f.value));
    let s = match lang {
        Lang::En => format!(
            "risk accuracy {pct} (goal {}): risk {} ({}) has the most false alarms, {} of {} judged, mostly from keyword \"{}\"",
            f.goal, f.label, f.risk, f.false_alarms, f.judged, f.keyword
        ),
        Lang::Zh => format!(
            "风险识别准确率 {pct}（目标 {}）：风险{}（{}）误报最多，{} 次判定中 {} 次误报，多由关键词{}触发",
            f.goal,
            quoted(f.label, lang),
            f.risk,
            f.judged,
            f.false_alarms,
            quoted(f.keyword, lang)
        ),
    };
    let suggestion = match lang {
        Lang::En => format!(
            "review the keywords of risk {}: narrow \"{}\" or add an `unless` phrase for its usual false context",
            f.risk, f.keyword
        ),
        Lang::Zh => format!(
            "复核风险 {} 的关键词：收窄{}，或为其常见误报语境加 `unless` 排除词",
            f.risk,
            quoted(f.keyword, lang)
        ),
    };
    finish(s, suggestion, lang)
}

/// The sentence with its suggestion, and the suggestion alone.
fn finish(mut sentence: String, suggestion: String, lang: Lang) -> (String, String) {
    let _ = match lang {
        Lang::En => write!(sentence, "; suggestion: {suggestion}."),
        Lang::Zh => write!(sentence, "。建议：{suggestion}。"),
    };
    (sentence, suggestion)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_sentence_in_chinese() {
        let f = CoverageFinding {
            milestone: "POC验证",
            value: 0.61,
            goal: "80%",
            missing: 7,
            blocker: Some(("客户内部测试环境未就绪", 3)),
            strategy: Some("协调IT部开通绿色通道"),
            evidence_required: true,
        };
        let (s, suggestion) = coverage_finding(&f, Lang::Zh);
        assert_eq!(
            s,
            "POC验证 节点覆盖率 61%（目标 80%）：7 家客户缺失，主因「客户内部测试环境未就绪」（3 家）。建议：协调IT部开通绿色通道。"
        );
        assert_eq!(suggestion, "协调IT部开通绿色通道");
        let (en, _) = coverage_finding(&f, Lang::En);
        assert!(en.starts_with(
            "POC验证 node coverage 61% (goal 80%): 7 customers missing it; main blocker 客户内部测试环境未就绪 (3 of them)"
        ));
    }

    #[test]
    fn units_and_missing_figures() {
        assert_eq!(days(Some(14.25), Lang::En), "14.2d");
        assert_eq!(days(Some(3.0), Lang::Zh), "3.0天");
        assert_eq!(days(None, Lang::En), "–");
        assert_eq!(percent(Some(0.736)), "74%");
        assert_eq!(points(-0.05, Lang::En), "-5 pp");
        assert_eq!(goal(">=", 0.8), "80%");
        assert_eq!(goal("<=", 0.1), "<= 10%");
    }
}
