//! Writes a report on made-up data: `demo OUT.html [--clusters N]` (default:
//! the small hand-written case; with `--clusters N`, N generated clusters),
//! and prints the file size and the render time.

#[path = "../tests/support/mod.rs"]
mod fixture;

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args
        .first()
        .cloned()
        .unwrap_or_else(|| "report.html".into());
    let n = args
        .iter()
        .position(|a| a == "--clusters")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse::<usize>().ok());
    let data = match n {
        Some(n) => fixture::generated(n, 1),
        None => fixture::small(),
    };
    let t = Instant::now();
    let page = echotrace_report::render_html(&data);
    let secs = t.elapsed().as_secs_f64();
    if let Err(e) = std::fs::write(&out, &page) {
        eprintln!("demo: cannot write {out}: {e}");
        std::process::exit(1);
    }
    println!(
        "{out}: {} clusters, {} bytes ({:.1} MiB), rendered in {:.3} s",
        data.clusters.len(),
        page.len(),
        page.len() as f64 / 1048576.0,
        secs
    );
}
