//! Debug: for each annotated page, shows the blocks that carry leaked or missed segments.
use echotrace_clean::{decode_html, html, normalise_ws};
fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let ann: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&std::fs::read(dir.join("annotations.json")).unwrap()).unwrap();
    for (url, e) in &ann {
        let file = e["file"].as_str().unwrap();
        let Ok(bytes) = std::fs::read(dir.join("pages").join(file)) else {
            continue;
        };
        let (page, _) = decode_html(&bytes, None);
        let ds = html::decisions(&page, Some(url));
        for (kind, key) in [("LEAK", "without"), ("MISS", "with")] {
            for seg in e[key].as_array().unwrap() {
                let seg = normalise_ws(seg.as_str().unwrap());
                let hits: Vec<_> = ds.iter().filter(|d| d.block.text.contains(&seg)).collect();
                let bad = if kind == "LEAK" {
                    hits.iter().any(|d| d.keep)
                } else {
                    !hits.iter().any(|d| d.keep)
                };
                if !bad {
                    continue;
                }
                println!("{kind} {file} {seg:?}");
                for d in hits.iter().take(3) {
                    let t: String = d.block.text.chars().take(100).collect();
                    let p: String = d
                        .block
                        .path
                        .chars()
                        .rev()
                        .take(90)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    println!(
                        "   keep={} p={} s={} ld={:.2} tag={} [{}] {:?} | {}",
                        d.keep,
                        d.in_primary as u8,
                        d.in_secondary as u8,
                        d.block.link_density(),
                        d.block.tag,
                        d.reason,
                        t,
                        p
                    );
                }
                if hits.is_empty() {
                    println!("   (no block contains it)");
                }
            }
        }
    }
}
