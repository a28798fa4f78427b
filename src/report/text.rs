//! Every human-readable word of the reports, in English and Chinese: titles,
//! column headers, units and the finding sentences, from the message catalogue
//! (`report-*` keys of `src/i18n/*.ftl`), in the report's own language (a digest
//! or the demo's tour may be made in another language than the command's).
//!
//! Chinese follows the seed's style: full-width brackets and colons, 「」 around a
//! quoted value, a space between a label and a figure (`POC验证 节点覆盖率 61%`).

use std::sync::OnceLock;

use crate::i18n::{Args, tr_in};

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
    /// The text for this language.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// The report language of a catalogue language.
    pub fn of(lang: crate::i18n::Lang) -> Lang {
        match lang {
            crate::i18n::Lang::En => Lang::En,
            crate::i18n::Lang::Zh => Lang::Zh,
        }
    }

    /// The catalogue's language.
    pub fn catalogue(self) -> crate::i18n::Lang {
        match self {
            Lang::En => crate::i18n::Lang::En,
            Lang::Zh => crate::i18n::Lang::Zh,
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

/// The catalogue key of each [`Word`], in the order of its variants.
const WORD_KEYS: [&str; 50] = [
    "report-word-funnel",
    "report-word-dwell",
    "report-word-journey",
    "report-word-compared-with",
    "report-word-stage",
    "report-word-reached",
    "report-word-conversion",
    "report-word-pass-rate",
    "report-word-won",
    "report-word-lost",
    "report-word-visits",
    "report-word-mean",
    "report-word-median",
    "report-word-p90",
    "report-word-mean-working",
    "report-word-median-working",
    "report-word-p90-working",
    "report-word-expect",
    "report-word-overdue",
    "report-word-top-reasons",
    "report-word-delay-reasons",
    "report-word-none-recorded",
    "report-word-heatmap",
    "report-word-week",
    "report-word-owner",
    "report-word-segment",
    "report-word-tag",
    "report-word-no-segment",
    "report-word-untagged",
    "report-word-metric",
    "report-word-value",
    "report-word-goal",
    "report-word-met",
    "report-word-yes",
    "report-word-no",
    "report-word-numerator",
    "report-word-denominator",
    "report-word-milestone",
    "report-word-coverage",
    "report-word-customers",
    "report-word-covered",
    "report-word-findings",
    "report-word-no-findings",
    "report-word-active-customers",
    "report-word-node-coverage",
    "report-word-response-sla",
    "report-word-risk-accuracy",
    "report-word-change",
    "report-word-no-data",
    "report-word-working-days-on",
];

impl Word {
    /// The word in `lang`, from the message catalogue (read once per language).
    pub fn text(self, lang: Lang) -> &'static str {
        static WORDS: [OnceLock<Vec<&'static str>>; 2] = [OnceLock::new(), OnceLock::new()];
        let words = WORDS[lang as usize].get_or_init(|| {
            WORD_KEYS
                .iter()
                .map(|key| &*Box::leak(tr_in(lang.catalogue(), key, &Args::new()).into_boxed_str()))
                .collect()
        });
        words[self as usize]
    }
}

/// `14.2d` / `14.2天`; `–` when there is no figure.
pub fn days(d: Option<f64>, lang: Lang) -> String {
    match d {
        Some(d) => t_in!(lang.catalogue(), "report-unit-days", n = format!("{d:.1}")),
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
    t_in!(
        lang.catalogue(),
        "report-unit-points",
        n = format!("{:+.0}", delta * 100.0)
    )
}

/// The goal as written: `80%`, or with its operator when it is not `>=`.
pub fn goal(op: &str, threshold: f64) -> String {
    if op == ">=" {
        percent(Some(threshold))
    } else {
        format!("{op} {}", percent(Some(threshold)))
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
    let l = lang.catalogue();
    let mut s = t_in!(
        l,
        "report-finding-coverage",
        milestone = f.milestone,
        pct = percent(Some(f.value)),
        goal = f.goal,
        missing = f.missing
    );
    let suggestion = match f.blocker {
        Some((blocker, n)) => {
            s.push_str(&t_in!(
                l,
                "report-finding-coverage-blocker",
                blocker = blocker,
                n = n
            ));
            match f.strategy {
                Some(st) => st.to_string(),
                None => t_in!(
                    l,
                    "report-suggest-settle-blocker",
                    blocker = blocker,
                    n = n,
                    milestone = f.milestone
                ),
            }
        }
        None => {
            s.push_str(&t_in!(l, "report-finding-coverage-no-blocker"));
            if f.evidence_required {
                t_in!(l, "report-suggest-check-skipped", milestone = f.milestone)
            } else {
                t_in!(
                    l,
                    "report-suggest-require-evidence",
                    milestone = f.milestone
                )
            }
        }
    };
    finish(&s, suggestion, lang)
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
    let l = lang.catalogue();
    let who = if f.role.is_empty() {
        t_in!(l, "report-who", person = f.person)
    } else {
        t_in!(l, "report-who-role", person = f.person, role = f.role)
    };
    let s = t_in!(
        l,
        "report-finding-sla",
        pct = percent(Some(f.value)),
        goal = f.goal,
        who = who,
        missed = f.missed,
        counted = f.counted,
        title = f.title
    );
    let suggestion = t_in!(l, "report-suggest-sla", person = f.person, title = f.title);
    finish(&s, suggestion, lang)
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
    let l = lang.catalogue();
    let s = t_in!(
        l,
        "report-finding-risk",
        pct = percent(Some(f.value)),
        goal = f.goal,
        label = f.label,
        risk = f.risk,
        false_alarms = f.false_alarms,
        judged = f.judged,
        keyword = f.keyword
    );
    let suggestion = t_in!(l, "report-suggest-risk", risk = f.risk, keyword = f.keyword);
    finish(&s, suggestion, lang)
}

/// The sentence with its suggestion, and the suggestion alone.
fn finish(sentence: &str, suggestion: String, lang: Lang) -> (String, String) {
    let whole = t_in!(
        lang.catalogue(),
        "report-finding-with-suggestion",
        finding = sentence,
        suggestion = suggestion.as_str()
    );
    (whole, suggestion)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_text_in_both_languages() {
        for lang in [Lang::En, Lang::Zh] {
            for key in WORD_KEYS {
                assert!(crate::i18n::has(lang.catalogue(), key), "{key} in {lang:?}");
            }
        }
        assert_eq!(Word::Funnel.text(Lang::Zh), "销售漏斗");
        assert_eq!(
            Word::WorkingDaysOn.text(Lang::En),
            "working days on calendar"
        );
    }

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
