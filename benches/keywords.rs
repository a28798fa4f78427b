//! Keyword matching throughput (issue 16): the risk matcher the engine runs on
//! every note, update and blocker (`Matchers::risk_hits`: NFKC normalization, one
//! Aho-Corasick scan, `unless` phrases), over generated note text, with the
//! dictionary of `examples/risks.flow` and with a generated one of 2,000 keywords.
//!
//! Notes are the sentences a sales team writes (those of `scripts/gen_data.py`),
//! padded with everyday filler, about 100 bytes each with full-width punctuation;
//! one in four carries one of the dictionary's keywords. One `risk_hits` call per
//! note, as in a replay. Throughput is bytes of note text per second.
//!
//! `SALESFLOW_BENCH_SUMMARY=1 cargo bench --bench keywords` prints one line per
//! dictionary (`keywords NAME: N MB/s`, the median of 7 passes) instead of running
//! criterion: `scripts/bench` reads those lines.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use criterion::{Criterion, Throughput};
use salesflow::check::{DiskLoader, MemoryLoader, check_path, check_source, normalize};
use salesflow::engine::matcher::Matchers;
use salesflow::model::Flow;
use salesflow::source::SourceFile;

/// The allocator the `salesflow` binary uses (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Bytes of note text per pass.
const CORPUS_BYTES: usize = 4_000_000;

/// Keywords in the generated dictionary.
const KEYWORDS: usize = 2_000;

/// A 64-bit linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(self.0 >> 33).expect("31-bit value fits") % n
    }
}

const SENTENCES: &[&str] = &[
    "客户提到需要法务审核",
    "约了下周演示",
    "对方说预算冻结了",
    "竞品已进场",
    "需要ERP对接",
    "一切顺利，技术负责人认可方案",
    "客户要求再便宜一点",
    "下周给答复",
    "测试环境未就绪",
    "招标流程启动",
    "拜访了车间主任，了解产线节拍",
    "ＰＯＣ失败，测试不通过",
    "客户关心交付周期",
];

/// Characters the generated keywords are made of.
const HANZI: &str = "产线节拍设备采购计划质量追溯数据平台系统集成工艺改造车间主任厂长财务预算审批流程合同条款交付周期售后服务培训上线验收报价方案演示现场调研需求确认";

/// Characters the filler between sentences is made of: everyday words, partly
/// shared with the keywords, so that some two-character keywords also turn up by
/// chance, as they do in real notes.
const FILLER: &str = "我们今天和他们一起讨论了下个月的安排领导说先看看效果再决定这边会尽快跟进对方很满意也提了一些问题计划设备";

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Notes of about 100 bytes: a sentence and filler, one in four also carrying a
/// keyword of `dictionary`, until `CORPUS_BYTES`.
fn corpus(dictionary: &[String]) -> Vec<String> {
    let filler = chars(FILLER);
    let mut rng = Lcg(7);
    let mut notes = Vec::new();
    let mut total = 0;
    while total < CORPUS_BYTES {
        let mut note = String::from(SENTENCES[rng.below(SENTENCES.len())]);
        note.push('，');
        if rng.below(4) == 0 && !dictionary.is_empty() {
            note.push_str(&dictionary[rng.below(dictionary.len())]);
            note.push('。');
        }
        while note.len() < 100 {
            note.push(filler[rng.below(filler.len())]);
        }
        total += note.len();
        notes.push(note);
    }
    notes
}

/// A flow of 200 risks with 10 keywords each (2 to 4 characters).
fn generated_flow() -> Flow {
    let chars = chars(HANZI);
    let mut rng = Lcg(11);
    let mut text = String::from(
        "pipeline {\n  lead \"线索\"\n  signed \"签约\" won\n}\n\
         health {\n  yellow \"需关注\" when signal any yellow within 14d\n  green \"正常\" otherwise\n}\n",
    );
    let mut seen = std::collections::HashSet::new();
    let risks = KEYWORDS / 10;
    for r in 0..risks {
        let mut words = Vec::new();
        while words.len() < 10 {
            let len = 2 + rng.below(3);
            let w: String = (0..len).map(|_| chars[rng.below(chars.len())]).collect();
            if seen.insert(w.clone()) {
                words.push(format!("\"{w}\""));
            }
        }
        let _ = writeln!(
            text,
            "risk r{r} \"风险{r}\" {{\n  severity yellow\n  keywords {}\n  strategy \"跟进\"\n}}",
            words.join(", ")
        );
    }
    let path = PathBuf::from("bench/keywords.flow");
    let source = SourceFile::new(path.clone(), text.clone());
    let loader = MemoryLoader(HashMap::from([(normalize(&path), text)]));
    let checked = check_source(&source, &loader);
    let first = checked.diagnostics.first().map(|d| d.message.clone());
    assert!(
        !checked.has_errors(),
        "the generated dictionary checks: {first:?}"
    );
    checked.flow.expect("a flow")
}

fn example_flow() -> Flow {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zhilian.flow");
    let checked = check_path(&root, &DiskLoader).expect("examples/zhilian.flow");
    assert!(!checked.has_errors());
    checked.flow.expect("a flow")
}

/// Hits over the whole corpus (kept, so the work is not optimized away).
fn scan(m: &Matchers, notes: &[String]) -> usize {
    notes.iter().map(|n| black_box(m.risk_hits(n)).len()).sum()
}

/// Each dictionary: its name, its matchers, and notes written for it.
fn dictionaries() -> Vec<(String, Matchers, Vec<String>)> {
    [example_flow(), generated_flow()]
        .into_iter()
        .zip(["risks.flow", "generated"])
        .map(|(flow, name)| {
            let keywords: Vec<String> =
                flow.risks.iter().flat_map(|r| r.keywords.clone()).collect();
            let name = format!("{name} ({} keywords)", keywords.len());
            (name, Matchers::new(&flow), corpus(&keywords))
        })
        .collect()
}

fn bytes(notes: &[String]) -> usize {
    notes.iter().map(String::len).sum()
}

fn summary() {
    for (name, m, notes) in dictionaries() {
        let hits = scan(&m, &notes);
        assert!(hits > 0, "{name}: the corpus hits the dictionary");
        let mut secs: Vec<f64> = (0..7)
            .map(|_| {
                let start = Instant::now();
                black_box(scan(&m, &notes));
                start.elapsed().as_secs_f64()
            })
            .collect();
        secs.sort_by(f64::total_cmp);
        #[expect(clippy::cast_precision_loss, reason = "a corpus of a few MB")]
        let mbps = bytes(&notes) as f64 / secs[3] / 1e6;
        println!("keywords {name}: {mbps:.0} MB/s");
    }
}

fn main() {
    if std::env::var_os("SALESFLOW_BENCH_SUMMARY").is_some() {
        summary();
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("keywords");
    group.sample_size(10);
    for (name, m, notes) in dictionaries() {
        group.throughput(Throughput::Bytes(
            u64::try_from(bytes(&notes)).unwrap_or(u64::MAX),
        ));
        group.bench_function(name, |b| b.iter(|| scan(&m, &notes)));
    }
    group.finish();
    c.final_summary();
}
