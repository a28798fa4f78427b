//! Throughput of the front end on a large rule file: parsing alone (`parse_file`) and
//! the full check (`check_source`: parse, names, types, calendars, templates, lints).
//!
//! The input is generated deterministically (a small LCG, no `rand`) in the style of
//! `examples/zhilian.flow` and `examples/risks.flow`, about 1 MB: a pipeline, roles,
//! events, fields, a health block, thousands of risks, hundreds of escalations with
//! every kind of step, tags, segments and templates. It checks with no error and no
//! warning (asserted before measuring), so the measured path is the clean one.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The allocator the `salesflow` binary uses (src/main.rs), so the figures are the
/// binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use salesflow::check::{MemoryLoader, check_source, normalize};
use salesflow::source::SourceFile;
use salesflow::syntax::parse_file;

/// Where the generated root file pretends to live; holiday files sit beside it.
const ROOT: &str = "bench/generated.flow";

/// Target size of the generated file, in bytes.
const TARGET_BYTES: usize = 1_000_000;

/// A 64-bit linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next()).expect("31-bit value fits") % n
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

const ROLES: &[&str] = &[
    "sales",
    "presales",
    "finance",
    "delivery",
    "sales_director",
    "legal",
    "procurement",
    "csm",
    "区域经理",
    "大客户经理",
    "解决方案架构师",
    "交付经理",
];

const KINDS: &[&str] = &[
    "visit",
    "call",
    "wechat",
    "email",
    "meeting",
    "demo",
    "demo_cancelled",
    "tech_discussion",
    "quote",
    "site_survey",
    "培训",
    "回访",
    "投诉",
];

/// Fields and their types; templates and conditions use them.
const FIELDS: &[(&str, &str)] = &[
    ("industry", "text"),
    ("contract_disputes", "number"),
    ("estimated_margin", "money"),
    ("test_env_ready", "bool"),
    ("deals_won", "number"),
    ("budget", "money"),
    ("employees", "number"),
    ("region", "text"),
    ("signed_on", "date"),
    ("preferred_time", "time"),
    ("行业细分", "text"),
    ("年采购额", "money"),
    ("工厂数量", "number"),
    ("已上云", "bool"),
];

const STAGES: &[(&str, &str)] = &[
    ("lead", "线索"),
    ("qualified", "已确认意向"),
    ("requirement", "需求确认"),
    ("survey", "现场调研"),
    ("demo", "方案演示"),
    ("poc", "POC验证"),
    ("proposal", "方案报价"),
    ("tender", "招投标"),
    ("negotiation", "商务谈判"),
    ("legal_review", "合同审核"),
    ("signed", "合同签署"),
    ("lost", "丢单"),
];

/// Chinese words risk keywords are made from; each keyword also carries a counter
/// unique in the whole file, between brackets, so no keyword contains another.
const WORDS: &[&str] = &[
    "降价",
    "打折",
    "再便宜",
    "预算有限",
    "法务",
    "合规审查",
    "审计",
    "预算冻结",
    "暂停采购",
    "竞品",
    "友商",
    "对比方案",
    "招标",
    "比选",
    "评审小组",
    "换了负责人",
    "新领导",
    "人事调整",
    "技术疑虑",
    "不稳定",
    "性能问题",
    "兼容性",
    "ERP对接",
    "MES对接",
    "接口文档",
    "下周给答复",
    "再考虑",
    "内部讨论",
    "测试环境",
    "服务器没到",
    "等保",
    "数据出境",
    "私有化部署",
    "比价",
    "三家报价",
    "加需求",
    "范围变更",
    "账期",
    "分期付款",
    "联系不上",
    "不回微信",
    "部门合并",
    "POC失败",
    "集采",
    "IT不支持",
    "违约金",
    "交付周期",
];

const PHRASES: &[&str] = &[
    "确认预算审批人和审批节点,邀请技术负责人参加下次沟通",
    "提前把标准合同发给客户法务,预留两周审核期",
    "确认冻结范围与解冻时间,改为分期或试点方案,保持决策人月度触达",
    "24小时内安排架构师做差异化演示,准备同行业成功案例",
    "确认新评审方的关注点和评分标准,争取参与招标文件技术条款编写",
    "一周内拜访新决策人,重新确认需求与预算",
    "安排售前工程师一对一答疑,提供性能测试报告",
    "48小时内给出对接可行性结论,明确由谁向客户IT索取接口文档",
    "协调客户IT开通绿色通道,或提供云端临时测试环境",
    "强调总拥有成本与交付能力,避免单纯价格战",
    "财务提前评估可接受账期,准备两套付款方案",
    "通过其他联系人确认支持者状态,必要时由总监出面",
];

const CITIES: &[&str] = &[
    "嘉兴", "常州", "宁波", "苏州", "无锡", "合肥", "东莞", "佛山", "青岛", "成都",
];

const PLANTS: &[&str] = &[
    "汽配厂",
    "机加工厂",
    "整车配套厂",
    "电池厂",
    "光伏组件厂",
    "注塑厂",
    "电子厂",
];

/// Builds the generated flow. Returns its text, the number of risks and the number
/// of escalations.
fn generate(target: usize) -> (String, usize, usize) {
    let mut rng = Lcg(0x5EED_F10E);
    let mut out = String::with_capacity(target + 64 * 1024);
    let w = &mut out;
    header(w);

    // Thousands of risks make up roughly 70% of the file; escalations,
    // each with its own templates, the rest.
    let mut risks: Vec<String> = Vec::new();
    let mut keyword_counter = 0usize;
    let risk_budget = target * 7 / 10;
    while w.len() < risk_budget {
        let n = risks.len();
        let name = if n % 3 == 0 {
            format!("风险_{n}")
        } else {
            format!("risk_{n}")
        };
        risk(w, &mut rng, &name, n, &mut keyword_counter);
        risks.push(name);
    }

    let mut escalations = 0usize;
    while w.len() < target {
        escalation(w, &mut rng, escalations, &risks);
        escalations += 1;
    }

    health(w, &risks);
    (out, risks.len(), escalations)
}

fn header(w: &mut String) {
    w.push_str("# 生成的大型销售流: 压测 parse 与 check 的吞吐。\nflow \"生成销售流\"\n\n");
    w.push_str("timezone \"Asia/Shanghai\"\n\n");
    w.push_str(
        "calendar workdays {\n  hours mon-fri 09:00-12:00, 13:30-18:00\n  holidays \"holidays/2025.json\", \"holidays/2026.json\"\n}\n\n",
    );
    w.push_str(
        "calendar support {\n  hours mon-fri 08:00-20:00\n  hours sat 09:00-17:00\n  off 2026-10-01..2026-10-07, 2027-01-01 \"国庆\"\n  work 2026-10-10\n}\n\n",
    );
    let _ = writeln!(w, "roles {}\n", ROLES.join(", "));
    let _ = writeln!(w, "events {}", KINDS.join(", "));
    w.push_str("event contact = visit | call | wechat | email | meeting\n");
    w.push_str("event 线下 = visit | meeting | site_survey | 培训\n\n");
    for (name, ty) in FIELDS {
        let _ = writeln!(w, "field {name}: {ty}");
    }
    w.push_str("\npipeline {\n");
    for (i, (name, label)) in STAGES.iter().enumerate() {
        let _ = write!(w, "  {name} \"{label}\"");
        match *name {
            "lead" => {}
            "signed" => w.push_str("  milestone  won"),
            "lost" => w.push_str("  lost"),
            _ => {
                let _ = write!(w, "  milestone  expect {}d", 5 + i * 2);
                if *name == "poc" {
                    w.push_str("  evidence required");
                }
            }
        }
        w.push('\n');
    }
    w.push_str("}\n\n");

    // One `on enter` block per stage, with its own templates.
    for (name, label) in STAGES {
        let _ = write!(
            w,
            "on enter {name} {{\n  task owner \"{label}跟进计划\" due 48h\n  notify finance cc sales_director template enter_{name}\n  message customer \"您好,{{{{ customer.name }}}},项目已进入{label}阶段,负责人 {{{{ owner.name }}}} 将在 {{{{ due | date }}}} 前联系您。\"\n}}\n\n",
        );
        let _ = writeln!(
            w,
            "template enter_{name} \"{{{{ customer.name }}}} 进入{label},预估毛利 {{{{ customer.estimated_margin | default('') }}}} 元,请于 {{{{ due | date }}}} 前完成评估\"\n"
        );
    }

    w.push_str("tags from customer.industry, customer.name, customer.行业细分 {\n");
    for (i, word) in [
        "新能源",
        "汽车",
        "电池",
        "机加工",
        "光伏",
        "储能",
        "半导体",
        "医药",
        "食品",
        "纺织",
    ]
    .iter()
    .enumerate()
    {
        for j in 0..12 {
            let _ = writeln!(
                w,
                "  {word}_{j} \"{word}〔t{i}_{j}〕\", \"{word}厂〔t{i}_{j}〕\", \"{word}集团〔t{i}_{j}〕\""
            );
        }
    }
    w.push_str("}\n\n");

    for i in 0..40 {
        let _ = writeln!(
            w,
            "segment seg_{i} \"细分客群{i}\" when tagged 新能源_{} and customer.employees > {}",
            i % 12,
            100 + i * 50
        );
    }
    w.push_str("segment dormant   \"沉睡唤醒\" when since last contact > 90d\n");
    w.push_str("segment returning \"老客复购\" when customer.deals_won > 0\n");
    w.push_str("segment new       \"新客首触\" otherwise\n\n");
    w.push_str("on enter segment dormant {\n  task owner \"唤醒拜访计划\" due 5d\n}\n\n");
    w.push_str("update requires status, next_action, blocker\n\n");
    w.push_str(
        "goal node_coverage >= 80%\ngoal response_sla >= 92%\ngoal risk_accuracy >= 75%\n\n",
    );
}

fn risk(w: &mut String, rng: &mut Lcg, name: &str, n: usize, counter: &mut usize) {
    let title = format!("{}相关风险{n}", rng.pick(WORDS));
    let severity = ["red", "orange", "yellow"][n % 3];
    let _ = write!(
        w,
        "risk {name} \"{title}\" {{\n  severity {severity}\n  keywords "
    );
    let count = 2 + rng.below(4);
    for k in 0..count {
        if k > 0 {
            w.push_str(", ");
        }
        let _ = write!(w, "\"{}〔{}〕\"", rng.pick(WORDS), *counter);
        *counter += 1;
    }
    w.push('\n');
    if n % 4 == 0 {
        let _ = writeln!(w, "  unless \"不需要{}\"", rng.pick(WORDS));
    }
    let _ = writeln!(w, "  strategy \"{}\"", rng.pick(PHRASES));
    if n % 2 == 0 {
        let _ = writeln!(
            w,
            "  case \"2025-{:02} {}某{}:{},最终赢单\"",
            1 + rng.below(12),
            rng.pick(CITIES),
            rng.pick(PLANTS),
            rng.pick(PHRASES)
        );
    }
    if n % 10 == 0 {
        let _ = writeln!(
            w,
            "  case \"\"\"\n    2026-{:02} {}某{}:\n    {}\n  \"\"\"",
            1 + rng.below(12),
            rng.pick(CITIES),
            rng.pick(PLANTS),
            rng.pick(PHRASES)
        );
    }
    w.push_str("}\n\n");
}

/// A condition for an escalation's `when`, drawn from every kind of operand.
fn condition(rng: &mut Lcg, risks: &[String]) -> String {
    let stage = STAGES[1 + rng.below(STAGES.len() - 2)].0;
    let risk = &risks[rng.below(risks.len())];
    match rng.below(8) {
        0 => "health is yellow".to_string(),
        1 => format!("stage is {stage} and overdue"),
        2 => format!("signal {risk} within 30d or signal any red within 14d"),
        3 => format!(
            "since last contact(role = decision_maker) > {}d and not stage is lost",
            7 + rng.below(20)
        ),
        4 => format!(
            "count demo_cancelled within 30d >= {} or customer.contract_disputes >= {}",
            2 + rng.below(3),
            1 + rng.below(5)
        ),
        5 => format!(
            "stage in [{stage}, negotiation] and customer.budget > {}",
            10_000 * (1 + rng.below(50))
        ),
        6 => format!(
            "(tagged 汽车_{} or tagged 电池_{}) and time_in_stage > {}d",
            rng.below(12),
            rng.below(12),
            3 + rng.below(10)
        ),
        _ => format!(
            "mentions \"{}\" within 14d and customer.test_env_ready == false",
            rng.pick(WORDS)
        ),
    }
}

fn escalation(w: &mut String, rng: &mut Lcg, n: usize, risks: &[String]) {
    let name = format!("esc_{n}");
    let stage = STAGES[1 + rng.below(STAGES.len() - 2)].0;
    let role = rng.pick(ROLES);
    let boss = rng.pick(ROLES);
    let title = format!("{}报告{n}", rng.pick(WORDS));
    let clock = ["workdays", "support"][n % 2];
    let _ = write!(
        w,
        "escalation {name} \"{title}超时\" {{\n  when {}\n  until task \"{title}\" done or stage is {stage}\n  clock {clock}\n  pause when stage is lost\n",
        condition(rng, risks)
    );
    let first = 4 + rng.below(20);
    let _ = write!(
        w,
        "  after {first}h {{\n    task {role} \"{title}\" due 24h\n    notify {role} template t{n}_reminder\n  }}\n"
    );
    let second = first + 8 + rng.below(30);
    let _ = write!(
        w,
        "  after {second}h {{\n    notify manager of {role} cc {boss}, finance template t{n}_escalation\n    message customer template t{n}_care\n  }}\n"
    );
    let third = 3 + rng.below(5);
    let _ = write!(
        w,
        "  after {third}d {{\n    notify person \"u{}\" cc owner \"{{{{ customer.name }}}} 的{title}已超过 {third} 个工作日,请 {{{{ assignee.name }}}} 处理\"\n    set customer.contract_disputes = {}\n  }}\n",
        1000 + n,
        rng.below(9)
    );
    let _ = write!(
        w,
        "  every {}h after {third}d, max {} {{\n    notify sales_director template t{n}_still_open\n  }}\n}}\n\n",
        8 + rng.below(40),
        1 + rng.below(5)
    );

    // MiniJinja (without its `unicode` feature) reads only ASCII identifiers.
    let ascii: Vec<&str> = FIELDS
        .iter()
        .map(|(f, _)| *f)
        .filter(|f| f.is_ascii())
        .collect();
    let field = rng.pick(&ascii);
    let _ = writeln!(
        w,
        "template t{n}_reminder \"提醒:{{{{ customer.name }}}} 的{title}将于 {{{{ due | date }}}} 到期({{{{ customer.{field} | default('') }}}})\""
    );
    let _ = writeln!(
        w,
        "template t{n}_escalation \"{{{{ assignee.name }}}} 负责的 {{{{ customer.name }}}} {title}已超时,{{{{ escalation.label }}}},请跟进\""
    );
    let _ = writeln!(
        w,
        "template t{n}_still_open \"{{{{ customer.name }}}} {title}仍未提交(已升级,{{% if customer.deals_won is defined and customer.deals_won > 0 %}}老客{{% else %}}新客{{% endif %}})\""
    );
    let _ = write!(
        w,
        "template t{n}_care \"\"\"\n关于您关心的{{{{ topic | default('') }}}}事宜,我们的{{{{ assignee.title | default('') }}}}{{{{ assignee.name }}}}已专项跟进,\n预计{{{{ now | in_workdays(2) | date }}}}前提供{}方案,请留意后续邮件。\n\"\"\"\n\n",
        rng.pick(PHRASES)
    );
}

/// The health block: red on any of many risk signals, an orange and a yellow
/// state, then `otherwise`.
fn health(w: &mut String, risks: &[String]) {
    w.push_str("health {\n  red \"高危\" when\n       signal any red within 7d\n");
    // 60 terms: conditions are limited to 64 operators.
    for risk in risks.iter().step_by(3).take(60) {
        let _ = writeln!(w, "    or signal {risk} within 30d");
    }
    w.push_str(
        "  orange \"预警\" when\n       signal any orange within 14d\n    or (count 线下 within 30d < 1 and stage in [poc, negotiation])\n",
    );
    w.push_str(
        "  yellow \"需关注\" when\n       since last contact(role = decision_maker) > 14d\n    or customer.contract_disputes >= 3\n    or count demo_cancelled within 30d >= 3\n    or signal any yellow within 14d\n",
    );
    w.push_str("  green \"正常推进\" otherwise\n}\n");
}

fn loader() -> MemoryLoader {
    let mut files = HashMap::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/holidays");
    for year in ["2025", "2026"] {
        let text = std::fs::read_to_string(dir.join(format!("{year}.json")))
            .expect("examples/holidays is readable");
        files.insert(
            normalize(&PathBuf::from(format!("bench/holidays/{year}.json"))),
            text,
        );
    }
    MemoryLoader(files)
}

fn benches(c: &mut Criterion) {
    let (text, risks, escalations) = generate(TARGET_BYTES);
    let bytes = text.len();
    // `SALESFLOW_BENCH_FLOW=dir`: also write the flow (and its holiday files) there,
    // to profile `salesflow check` on it.
    if let Some(dir) = std::env::var_os("SALESFLOW_BENCH_FLOW") {
        let dir = PathBuf::from(dir);
        let _ = std::fs::create_dir_all(dir.join("holidays"));
        let _ = std::fs::write(dir.join("bench.flow"), &text);
        for year in [2025, 2026] {
            let from = format!(
                "{}/examples/holidays/{year}.json",
                env!("CARGO_MANIFEST_DIR")
            );
            let _ = std::fs::copy(from, dir.join(format!("holidays/{year}.json")));
        }
    }
    let source = SourceFile::new(ROOT, text);
    let loader = loader();

    let checked = check_source(&source, &loader);
    if !checked.diagnostics.is_empty() {
        for d in checked.diagnostics.iter().take(5) {
            eprintln!("{}", d.render_to_string(false));
        }
        let mut codes: HashMap<&str, usize> = HashMap::new();
        for d in &checked.diagnostics {
            *codes.entry(d.code.name()).or_default() += 1;
        }
        eprintln!("diagnostics by code: {codes:?}");
        panic!(
            "the generated flow must check clean, got {} diagnostics",
            checked.diagnostics.len()
        );
    }
    assert!(checked.flow.is_some());
    eprintln!(
        "generated flow: {bytes} bytes, {} lines, {risks} risks, {escalations} escalations",
        source.text.lines().count()
    );

    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("parse_file", |b| {
        b.iter(|| parse_file(black_box(&source)));
    });
    group.bench_function("check_source", |b| {
        b.iter(|| check_source(black_box(&source), &loader));
    });
    group.finish();
}

criterion_group!(check, benches);
criterion_main!(check);
