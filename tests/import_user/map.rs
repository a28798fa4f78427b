//! `import --map`: a foreign CRM's opportunity export (CRLF, blank accounts,
//! rows without dates, US dates) becomes customers and their stage changes in
//! one all-or-nothing import; `list --where` then counts what the test counts
//! on its own from the rows it wrote.

use std::fmt::Write as _;

use crate::common::{Has, customer_ids, history, import, list, project, repo, write};

const AGENTS: [(&str, &str); 4] = [
    ("Moses Frase", "zhang"),
    ("Darcel Schlecht", "zhang"),
    ("Zane Levy", "wang"),
    ("Anna Snelling", "chen"),
];
const ACCOUNTS: [&str; 6] = ["Cancity", "Isdom", "Codehow", "宁波整车", "Hatfan", ""];

/// One generated opportunity.
struct Deal {
    id: String,
    stage: &'static str,
    /// Days after 2016-10-01.
    engage: Option<u32>,
    close: Option<u32>,
}

/// A small deterministic generator (no dependency, same rows every run).
fn deals(n: u32) -> Vec<Deal> {
    let mut seed: u64 = 0x5eed;
    let mut next = move |m: u32| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        u32::try_from((seed >> 33) % u64::from(m)).unwrap()
    };
    (0..n)
        .map(|i| {
            let stage = ["Prospecting", "Engaging", "Won", "Won", "Lost"][next(5) as usize];
            let engage = (stage != "Prospecting").then(|| next(60));
            let close = matches!(stage, "Won" | "Lost").then(|| engage.unwrap_or(0) + 1 + next(90));
            Deal {
                id: format!("OP{i:04}"),
                stage,
                engage,
                close,
            }
        })
        .collect()
}

/// `MM/DD/YYYY` of a day after 2016-10-01.
fn us_date(day: u32) -> String {
    let d = chrono::NaiveDate::from_ymd_opt(2016, 10, 1).unwrap() + chrono::Days::new(day.into());
    d.format("%m/%d/%Y").to_string()
}

fn export(deals: &[Deal]) -> String {
    let mut out = String::from(
        "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\r\n",
    );
    for (i, d) in deals.iter().enumerate() {
        let (agent, _) = AGENTS[i % AGENTS.len()];
        let account = ACCOUNTS[i % ACCOUNTS.len()];
        let value = if d.stage == "Won" {
            format!("{}", 500 + i * 7)
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "{},{agent},GTX Basic,{account},{},{},{},{value}\r\n",
            d.id,
            d.stage,
            d.engage.map(us_date).unwrap_or_default(),
            d.close.map(us_date).unwrap_or_default(),
        );
    }
    out
}

fn setup(name: &str) -> std::path::PathBuf {
    let dir = project(name);
    write(
        &dir,
        "accounts.csv",
        "account,sector\r\nCancity,retail\r\nIsdom,medical\r\nCodehow,software\r\n宁波整车,汽车\r\n",
    );
    let map = std::fs::read_to_string(repo("examples/import/crm_map.yaml"))
        .unwrap()
        .replace("crm_accounts.csv", "accounts.csv");
    write(&dir, "map.yaml", &map);
    dir
}

#[test]
fn a_foreign_opportunity_export_becomes_customers_and_stage_changes() {
    let dir = setup("map_end_to_end");
    let deals = deals(240);
    let file = write(&dir, "opportunities.csv", &export(&deals));
    let map = dir.join("map.yaml");
    import(
        &dir,
        "customers",
        &file,
        &["--map", map.to_str().unwrap(), "--at", "2017-06-01 09:00"],
    )
    .success()
    .stdout_has("240 new customers");
    assert_eq!(customer_ids(&dir).len(), 240);

    // At noon of a day in the middle (day 75 after 2016-10-01: dates are
    // midnight, so that day's closings count), and at the end.
    for (at, day) in [("2016-12-15 12:00", 75), ("2017-06-02 12:00", 10_000)] {
        let closed = |stage: &str| {
            deals
                .iter()
                .filter(|d| d.stage == stage && d.close.is_some_and(|c| c <= day))
                .count()
        };
        let engaged = deals
            .iter()
            .filter(|d| d.engage.is_some_and(|e| e <= day) && d.close.is_none_or(|c| c > day))
            .count();
        assert_eq!(
            list(&dir, "stage is signed", at).len(),
            closed("Won"),
            "won at {at}"
        );
        assert_eq!(
            list(&dir, "stage is lost", at).len(),
            closed("Lost"),
            "lost at {at}"
        );
        assert_eq!(
            list(&dir, "stage is requirement", at).len(),
            engaged,
            "engaged at {at}"
        );
    }
    // The funnel over the whole export, after an apply records the stage
    // visits: won and lost are the closings the export says, counted here from
    // the rows themselves.
    crate::common::sf(&dir)
        .args(["apply", "--at", "2017-06-02 12:00"])
        .assert()
        .success();
    let funnel = crate::common::json(
        &dir,
        &[
            "report",
            "funnel",
            "--format",
            "json",
            "--from",
            "2016-09-01",
            "--to",
            "2017-06-02",
            "--at",
            "2017-06-02 12:00",
        ],
    );
    let count = |stage: &str| deals.iter().filter(|d| d.stage == stage).count() as u64;
    assert_eq!(funnel["won"].as_u64(), Some(count("Won")), "{funnel:#}");
    assert_eq!(funnel["lost"].as_u64(), Some(count("Lost")), "{funnel:#}");

    let prospects = deals.iter().filter(|d| d.stage == "Prospecting").count();
    assert_eq!(
        list(&dir, "stage is lead", "2017-06-02 12:00").len(),
        prospects
    );

    // A blank account is named by the default; the sector came from the lookup.
    let blank = history(&dir, "OP0005");
    assert_eq!(blank.customer.name, "未命名客户 OP0005");
    let joined = history(&dir, "OP0003");
    assert_eq!(joined.customer.name, "宁波整车");
    assert_eq!(
        joined.customer.fields["industry"],
        salesflow::engine::FieldValue::Text("汽车".into())
    );
    // The same export again changes nothing: every derived event is known.
    let events: usize = deals
        .iter()
        .map(|d| usize::from(d.engage.is_some()) + usize::from(d.close.is_some()))
        .sum();
    import(
        &dir,
        "customers",
        &file,
        &["--map", map.to_str().unwrap(), "--at", "2017-06-03 09:00"],
    )
    .success()
    .stdout_has(&format!("(UTF-8): {events} events already recorded\n"));
}

#[test]
fn mapping_errors_name_the_line_the_foreign_column_and_the_rule_and_write_nothing() {
    let dir = setup("map_errors");
    let file = write(
        &dir,
        "bad.csv",
        "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value,region\r\n\
         A1,Moses Frase,GTX,Cancity,Won,10/20/2016,13/01/2017,1054,east\r\n\
         A2,Nobody Here,GTX,,Closed,10/20/2016,03/01/2017,5万万,west\r\n",
    );
    let map = dir.join("map.yaml");
    let out = import(&dir, "customers", &file, &["--map", map.to_str().unwrap()]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let f = file.display();
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            format!(
                "{f}:1: column `region`: `region` is not in the map: read it under `columns:` or list it under `drop:`"
            ),
            format!(
                "{f}:2: column `close_date`: `13/01/2017` is not a date in the form `%m/%d/%Y` (map: dates.close_date)"
            ),
            format!(
                "{f}:3: column `sales_agent`: unknown person `Nobody Here` (map: columns.owner)"
            ),
            format!(
                "{f}:3: column `close_value`: `5万万` is not an amount: write one unit after the number (`5亿`, not `5万万`) (map: columns.estimated_margin)"
            ),
            format!(
                "{f}:3: column `deal_stage`: `Closed` is not in the map's `events[1].stage.values` (`Lost`, `Won`): add it there or under `skip`"
            ),
            format!("error: `{f}` rejected: 5 errors; nothing was written"),
        ]
    );
    assert!(customer_ids(&dir).is_empty());
    // A map naming a column the export lacks, or a broken map, is refused whole.
    let missing = write(&dir, "missing.csv", "opportunity_id,account\r\nA1,x\r\n");
    import(
        &dir,
        "customers",
        &missing,
        &["--map", map.to_str().unwrap()],
    )
    .code(1)
    .stderr_has(
        "column `sales_agent`: the map's `columns.owner` reads this column; the file has none such",
    );
    let broken = write(&dir, "broken.yaml", "columns: {id: a}\nrenames: {}\n");
    import(
        &dir,
        "customers",
        &missing,
        &["--map", broken.to_str().unwrap()],
    )
    .code(2)
    .stderr_has("unknown field `renames`");
}

#[test]
fn the_readme_examples_import() {
    let dir = project("map_examples");
    let ex = repo("examples/import");
    import(
        &dir,
        "customers",
        &ex.join("crm_opportunities.csv"),
        &[
            "--map",
            ex.join("crm_map.yaml").to_str().unwrap(),
            "--at",
            "2017-04-01 09:00",
        ],
    )
    .success()
    .stdout_has(
        "10 new customers, 2 new customers without `created_at` created at the import's time",
    );
    import(
        &dir,
        "customers",
        &ex.join("team_sheet.csv"),
        &[
            "--map",
            ex.join("team_sheet_map.yaml").to_str().unwrap(),
            "--at",
            "2026-03-06 09:00",
        ],
    )
    .success()
    .stdout_has("4 new customers");
    assert_eq!(list(&dir, "stage is demo", "2026-03-10 09:00"), ["K001"]);
    let k003 = history(&dir, "K003");
    assert_eq!(k003.customer.owner, "wang");
    assert_eq!(
        k003.customer.fields["estimated_margin"],
        salesflow::engine::FieldValue::Text("120000000".into())
    );
}
