//! The HTML report loads in headless Chromium without console errors, and a screenshot is
//! taken (target/storyline/report.png). Skips, with a message, where Chromium is absent.

mod common;

use std::path::PathBuf;
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::var_os("PATH")?
            .to_str()?
            .split(':')
            .map(|d| PathBuf::from(d).join(name))
            .find(|p| p.is_file())
    })
}

#[test]
fn html_report_renders_without_console_errors() {
    let Some(browser) = chromium() else {
        eprintln!("skipping: no chromium on PATH (install the Debian package `chromium` to run this check)");
        return;
    };
    let dir = common::workspace_root().join("target/storyline");
    std::fs::create_dir_all(&dir).expect("target dir");
    let html = dir.join("report-test.html");
    let (code, _, err) = common::storyline(&[
        "analyze",
        "--quiet",
        "--format",
        "html",
        "--out",
        html.to_str().expect("utf-8"),
        &common::seeds_arg(),
    ]);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(&html).expect("report written");
    assert!(!page.contains("src=\"http") && !page.contains("href=\"http"), "no external assets");
    let shot = dir.join("report.png");
    let _ = std::fs::remove_file(&shot);
    let profile = std::env::temp_dir().join(format!("storyline-chromium-{}", std::process::id()));
    let flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1200,2400",
    ];
    let url = format!("file://{}", html.display());
    let out = Command::new(&browser)
        .args(flags)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    let log = String::from_utf8_lossy(&out.stderr);
    let console_errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") && (l.contains("ERROR") || l.contains("Uncaught")))
        .collect();
    assert!(console_errors.is_empty(), "console errors:\n{}", console_errors.join("\n"));
    let png = std::fs::read(&shot).unwrap_or_else(|_| panic!("no screenshot; chromium said:\n{log}"));
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "screenshot looks empty");
    // The DOM really holds the report.
    let dom = Command::new(&browser)
        .args(flags)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("storyline report") && dom.contains("<svg") || !dom.contains("Timeline"),
        "report DOM: {dom:.300}"
    );
    let _ = std::fs::remove_dir_all(&profile);
}
