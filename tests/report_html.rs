//! The HTML reports opened in headless Chromium as a reader's browser opens
//! them: each page renders with no console message (it has no script, so any
//! message is an error), draws one `funnel-bar` per stage that is not lost and
//! one `heat-cell` per stage and ISO week, and a screenshot is taken. The page
//! fetches nothing: no script, stylesheet, font or image reference at all.
//!
//! Chromium is Debian's `chromium` (`.ci/run` installs it when missing), or the
//! binary named by `SALESFLOW_CHROMIUM`; only when none can be found is the test
//! skipped, saying why, and not even then under `SALESFLOW_REQUIRE_CHROMIUM`
//! (which `.ci/run` sets, so CI never skips it).

mod report_common;

use std::path::{Path, PathBuf};
use std::process::Command;

use report_common::{Stage, project, report};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SALESFLOW_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// Runs Chromium headless on `page` with `extra` flags and an empty profile;
/// gives (stdout, the console messages it logged).
fn open(chromium: &Path, page: &Path, extra: &[&str]) -> (String, Vec<String>) {
    let profile = page.with_extension("profile");
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let console = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
}

#[test]
fn html_reports_render_in_chromium_with_every_bar_and_cell() {
    let Some(chromium) = chromium() else {
        assert!(
            std::env::var_os("SALESFLOW_REQUIRE_CHROMIUM").is_none(),
            "SALESFLOW_REQUIRE_CHROMIUM is set (as .ci/run sets it) and no chromium was found"
        );
        println!(
            "skipped: no chromium found (install Debian's `chromium`, or set SALESFLOW_CHROMIUM)"
        );
        return;
    };
    let dir = project("html", Stage::Complete);

    // The detector finds a console error when there is one.
    let control = dir.join("control.html");
    std::fs::write(
        &control,
        "<html><body><script>console.error('报错')</script></body></html>",
    )
    .unwrap();
    let (_, console) = open(&chromium, &control, &["--dump-dom"]);
    assert_eq!(console.len(), 1, "{console:?}");

    for (kind, class, want) in [
        // Six stages that are not lost: lead … signed.
        ("funnel", "class=\"funnel-bar\"", 6),
        // Five stages that are not terminal × six ISO weeks of March 2026.
        ("dwell", "class=\"heat-cell", 30),
        ("journey", "class=\"metric-bar\"", 3),
    ] {
        let page = dir.join(format!("{kind}.html"));
        report(
            &dir,
            kind,
            &[
                "--format",
                "html",
                "--lang",
                "zh",
                "--out",
                &page.to_string_lossy(),
            ],
        );
        let html = std::fs::read_to_string(&page).unwrap();
        for outside in ["<script", "<link", "src=", "url(", "@import", "@font-face"] {
            assert!(
                !html.contains(outside),
                "{kind}.html refers outside itself: {outside}"
            );
        }
        let (dom, console) = open(&chromium, &page, &["--dump-dom"]);
        assert!(console.is_empty(), "{kind}.html logged {console:?}");
        assert_eq!(dom.matches(class).count(), want, "{kind}.html: {class}");
        assert!(dom.contains("lang=\"zh-CN\""), "{kind}.html");
        if kind == "dwell" {
            // The delay reasons of POC验证 and 需求确认, with Chinese labels.
            assert_eq!(dom.matches("class=\"reason-bar\"").count(), 4);
            assert!(dom.contains("等待法务意见") && dom.contains("（未记录）"));
            let shot = dir.join("dwell.png");
            open(
                &chromium,
                &page,
                &[
                    &format!("--screenshot={}", shot.display()),
                    "--window-size=1280,1200",
                ],
            );
            let png = std::fs::read(&shot).expect("a screenshot");
            assert!(
                png.starts_with(b"\x89PNG") && png.len() > 10_000,
                "{} bytes",
                png.len()
            );
        }
    }
}
