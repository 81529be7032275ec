//! Loads generated reports in headless Chromium and checks the rendered DOM:
//! sections present, paging, in-page navigation, no script errors, no
//! hostile markup turned into elements. Skipped (with a message) when no
//! Chromium is installed.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use echotrace_report::*;

fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Runs `--dump-dom` on the file (with an optional `#fragment`); returns the
/// DOM and the console lines Chromium logged.
fn dump_dom(chrome: &Path, file: &Path, fragment: &str, profile: &Path) -> (String, Vec<String>) {
    let url = format!("file://{}{}", file.display(), fragment);
    // Output goes to files: a pipe read only at the end would fill and stall.
    let out_path = profile.with_extension("dom");
    let err_path = profile.with_extension("log");
    let mut child = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(&url)
        .stdout(Stdio::from(
            std::fs::File::create(&out_path).expect("dom file"),
        ))
        .stderr(Stdio::from(
            std::fs::File::create(&err_path).expect("log file"),
        ))
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s for {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let dom = String::from_utf8_lossy(&std::fs::read(&out_path).expect("dom")).into_owned();
    let console = String::from_utf8_lossy(&std::fs::read(&err_path).expect("log"))
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Refused to"))
        .map(str::to_string)
        .collect();
    (dom, console)
}

fn assert_clean(dom: &str, console: &[String]) {
    assert!(
        dom.contains("data-ready=\"1\""),
        "the report script did not finish"
    );
    assert!(
        dom.contains("<pre id=\"js-errors\" hidden=\"\"></pre>"),
        "script errors recorded in the page: {}",
        dom.split("id=\"js-errors\"")
            .nth(1)
            .unwrap_or("")
            .chars()
            .take(600)
            .collect::<String>()
    );
    assert!(console.is_empty(), "console messages: {console:?}");
}

#[test]
fn report_renders_in_headless_chromium() {
    let Some(chrome) = find_chromium() else {
        println!(
            "SKIPPED report_renders_in_headless_chromium: no chromium, chromium-browser or \
             google-chrome on PATH (Debian: apt-get install -y chromium)"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let profile = dir.path().join("profile");

    // The small case, opened at an unattributed copy's passage.
    let small = dir.path().join("small.html");
    std::fs::write(&small, render_html(&support::small())).unwrap();
    let (dom, console) = dump_dom(&chrome, &small, "#p-71", &profile);
    assert_clean(&dom, &console);
    for id in [
        "overview",
        "clusters",
        "outlets",
        "sources",
        "quotes",
        "stories",
        "narratives",
    ] {
        assert!(
            dom.contains(&format!("<section id=\"{id}\">")),
            "section {id} missing"
        );
    }
    // Two clusters listed; the one holding passage 71 is open with its parts.
    assert_eq!(dom.matches("<details class=\"item\" id=\"c-").count(), 2);
    assert!(dom.contains("<details class=\"item\" id=\"c-7\" open=\"\">"));
    assert!(dom.contains("id=\"p-71\""));
    assert!(dom.contains("<svg class=\"timeline\""));
    assert!(dom.contains("Copy tree") && dom.contains("← copied from"));
    assert!(dom.contains("<del>flammes*, </del>") && dom.contains("<ins>flammes, </ins>"));
    // Hostile strings stay text: no element made from them, no javascript: link.
    assert!(!dom.contains("<img"), "hostile markup became an element");
    assert!(!dom.contains("<script>alert"));
    assert!(!dom.to_lowercase().contains("href=\"javascript"));
    assert!(dom.contains("&lt;img src=x onerror=alert(2)&gt;"));

    // The hostile cluster opened: its texts, title, credit, URL shown as text.
    let (dom, console) = dump_dom(&chrome, &small, "#c-9", &profile);
    assert_clean(&dom, &console);
    assert!(dom.contains("<details class=\"item\" id=\"c-9\" open=\"\">"));
    assert!(dom.contains("URL not linked: javascript:alert(3)"));
    assert!(dom.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!dom.contains("<img") && !dom.contains("<script>alert"));

    // 120 clusters: one page of 25 rendered, not 120; a later cluster is
    // reachable by its anchor (the pager moves to its page).
    let data = support::generated(120, 3);
    let last_id = data.clusters[cluster_order(&data.clusters)[110]].id;
    let many = dir.path().join("many.html");
    std::fs::write(&many, render_html(&data)).unwrap();
    let (dom, console) = dump_dom(&chrome, &many, "", &profile);
    assert_clean(&dom, &console);
    assert_eq!(dom.matches("<details class=\"item\" id=\"c-").count(), 25);
    assert!(dom.contains("page 1 of 5 · 120 of 120 clusters"));
    assert!(
        !dom.contains("<div class=\"body\">"),
        "no cluster body is built before it is opened"
    );
    let (dom, console) = dump_dom(&chrome, &many, &format!("#c-{last_id}"), &profile);
    assert_clean(&dom, &console);
    assert!(dom.contains("page 5 of 5"));
    assert!(dom.contains(&format!(
        "<details class=\"item\" id=\"c-{last_id}\" open=\"\">"
    )));
    assert_eq!(dom.matches("<div class=\"body\">").count(), 1);
    // The unattributed filter.
    let (dom, console) = dump_dom(&chrome, &many, "#unattributed", &profile);
    assert_clean(&dom, &console);
    let un = data
        .clusters
        .iter()
        .filter(|c| {
            c.passages.iter().any(|p| {
                matches!(
                    p.attribution.status,
                    AttributionStatus::Unattributed | AttributionStatus::CreditsOther
                )
            })
        })
        .count();
    assert!(
        dom.contains(&format!(" · {un} of 120 clusters")),
        "unattributed filter"
    );
}
