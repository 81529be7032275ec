//! Prints the cleaning of text or HTML files: body, metadata, comments, line decisions.
//! Usage: cargo run -p echotrace-clean --example clean [--lines] FILE...
use echotrace_clean::{clean_text, CleanOptions, LineKind};

fn main() {
    let mut show_lines = false;
    for a in std::env::args().skip(1) {
        if a == "--lines" {
            show_lines = true;
            continue;
        }
        let bytes = std::fs::read(&a).unwrap();
        let opts = CleanOptions::default();
        let c = if a.ends_with(".html") || a.ends_with(".htm") {
            match echotrace_clean::clean_html(&bytes, None, &opts) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("{a}: {e}");
                    continue;
                }
            }
        } else {
            clean_text(&String::from_utf8_lossy(&bytes), &opts, None)
        };
        println!(
            "== {a}\ntitle: {:?}\ndate: {:?}\nauthor: {:?}\nsite: {:?}\nlanguage: {:?}",
            c.title, c.date, c.author, c.site, c.language
        );
        println!(
            "comments: {} (depths {:?})",
            c.comments.len(),
            c.comments.iter().map(|c| c.depth).collect::<Vec<_>>()
        );
        if show_lines {
            for l in &c.lines {
                if l.kind == LineKind::Blank {
                    continue;
                }
                let t: String = c.slice(l.span).chars().take(90).collect();
                println!("  {:<28} {}", format!("{:?}", l.kind), t);
            }
        } else {
            println!("--- body\n{}", c.body_text());
        }
    }
}
