//! Helpers shared by the binary's end-to-end tests: running `echotrace`,
//! reading its JSON lines, and the bundled examples.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `echotrace` binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_echotrace"))
}

/// Runs `echotrace args`.
pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("echotrace runs")
}

/// Runs `echotrace args`, which must succeed, and returns its stdout.
pub fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "echotrace {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Parses JSON lines.
pub fn jsonl(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A file of the repository's `examples/` folder.
pub fn example_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}
