//! Scores detections against a truth file and prints the report.
//!
//! ```text
//! cargo run --release -p echotrace-eval --example evaluate -- truth.jsonl detections.jsonl [--json]
//! ```

use echotrace_eval::{evaluate, read_detections, read_truth};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [truth, detections] = files.as_slice() else {
        anyhow::bail!("usage: evaluate TRUTH.jsonl DETECTIONS.jsonl [--json]");
    };
    let truth = read_truth(truth)?;
    let detections = read_detections(detections)?;
    let report = evaluate(&truth, &detections);
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("{report}");
    }
    Ok(())
}
