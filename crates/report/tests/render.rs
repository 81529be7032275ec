//! End-to-end tests of the rendered file: escaping of hostile text,
//! determinism, sections, the script policy, and bounded work.

mod support;

use echotrace_report::*;
use sha2::{Digest, Sha256};

fn embedded_json(page: &str) -> serde_json::Value {
    let start =
        page.find("id=\"report-data\">").expect("data script") + "id=\"report-data\">".len();
    let end = start + page[start..].find("</script>").expect("end of data");
    serde_json::from_str(&page[start..end]).expect("embedded JSON parses")
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let page = render_html(&support::small());
    // Only our three scripts: the error hook, the data and the main script.
    assert_eq!(page.matches("<script").count(), 3);
    assert_eq!(page.matches("</script>").count(), 3);
    assert!(!page.contains("<img"), "an img element leaked");
    assert!(
        !page.contains("onerror=alert(2)>"),
        "a raw attribute break-out leaked"
    );
    assert!(!page.to_lowercase().contains("href=\"javascript"));
    assert!(!page.contains('\u{2028}'));
    // Static parts show the hostile strings as text.
    assert!(
        page.contains("<title>Demo &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>")
    );
    assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    // The data round-trips exactly.
    let v = embedded_json(&page);
    let hostile = v["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == 9)
        .expect("cluster 9");
    let p0 = hostile["p"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["uid"] == 90)
        .expect("passage 90");
    assert!(p0["text"]
        .as_str()
        .unwrap()
        .contains(support::HOSTILE_SCRIPT));
    assert!(p0["text"].as_str().unwrap().contains('\u{2028}'));
    assert_eq!(p0["title"], support::HOSTILE_SCRIPT);
    // A javascript: URL is never a link, only text.
    assert!(p0.get("url").is_none());
    assert_eq!(p0["raw_url"], support::HOSTILE_URL);
    // The story document with a javascript: URL has no url.
    assert!(v["stories"][0]["docs"][1].get("url").is_none());
}

#[test]
fn same_data_gives_byte_identical_html() {
    let a = render_html(&support::small());
    let b = render_html(&support::small().clone());
    assert!(a == b);
    let g1 = render_html(&support::generated(300, 5));
    let g2 = render_html(&support::generated(300, 5));
    assert!(g1 == g2);
    // Through JSON and back (as the CLI may pass it) the output is the same.
    let data = support::generated(50, 2);
    let json = serde_json::to_string(&data).unwrap();
    let back: ReportData = serde_json::from_str(&json).unwrap();
    assert!(render_html(&data) == render_html(&back));
}

#[test]
fn scripts_are_allowed_by_hash_and_nothing_else() {
    let page = render_html(&support::small());
    let csp_start = page.find("Content-Security-Policy\" content=\"").unwrap();
    let csp = &page[csp_start..csp_start + page[csp_start..].find("\">").unwrap()];
    assert!(csp.contains("default-src 'none'"));
    assert!(!csp.contains("script-src 'unsafe-inline'"));
    // Every executable inline script's hash is in the policy.
    let mut rest = page.as_str();
    let mut n = 0;
    while let Some(i) = rest.find("<script>") {
        let body = &rest[i + 8..];
        let end = body.find("</script>").unwrap();
        let digest = Sha256::digest(&body.as_bytes()[..end]);
        let b64 = base64(&digest);
        assert!(
            csp.contains(&format!("'sha256-{b64}'")),
            "script {n} not in the policy"
        );
        n += 1;
        rest = &body[end..];
    }
    assert_eq!(n, 2);
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for c in bytes.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        for k in 0..4 {
            s.push(if k <= c.len() {
                A[(n >> (18 - 6 * k) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    s
}

#[test]
fn optional_sections_only_when_filled() {
    let full = render_html(&support::small());
    for id in [
        "overview",
        "clusters",
        "outlets",
        "sources",
        "quotes",
        "stories",
        "narratives",
    ] {
        assert!(full.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    let mut bare = support::small();
    bare.quotes.clear();
    bare.stories.clear();
    bare.narratives.clear();
    let page = render_html(&bare);
    for id in ["quotes", "stories", "narratives"] {
        assert!(!page.contains(&format!("<section id=\"{id}\">")), "{id}");
        assert!(!page.contains(&format!("href=\"#{id}\"")), "{id}");
    }
    let empty = render_html(&ReportData::default());
    assert!(empty.contains("<title>echotrace report</title>"));
    assert!(empty.contains("No outlet data."));
    let v = embedded_json(&empty);
    assert_eq!(v["clusters"].as_array().unwrap().len(), 0);
}

#[test]
fn claims_link_to_their_evidence() {
    let page = render_html(&support::small());
    // Source table rows link to the clusters that show them.
    assert!(page.contains("<a href=\"#c-7\">c7</a>"));
    // Outlet names link to a filter of their clusters; unattributed count to the filter.
    assert!(page.contains("href=\"#find=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%282%29%3E\""));
    assert!(page.contains("<a href=\"#unattributed\">2</a>"));
}

#[test]
fn clusters_are_embedded_in_spread_order_with_paging() {
    let data = support::generated(200, 9);
    let opts = RenderOptions {
        page_size: 17,
        ..RenderOptions::default()
    };
    let v = embedded_json(&render_html_with(&data, &opts));
    assert_eq!(v["page"], 17);
    let cs = v["clusters"].as_array().unwrap();
    assert_eq!(cs.len(), 200);
    let key = |c: &serde_json::Value| {
        (
            c["no"].as_u64().unwrap(),
            c["nd"].as_u64().unwrap(),
            c["n"].as_u64().unwrap(),
        )
    };
    for w in cs.windows(2) {
        let (a, b) = (key(&w[0]), key(&w[1]));
        assert!(
            a > b || (a == b && w[0]["id"].as_u64() < w[1]["id"].as_u64()),
            "{a:?} {b:?}"
        );
    }
}

#[test]
fn huge_clusters_and_texts_are_bounded() {
    // One cluster of 3,000 long passages and 3,000 pairs, texts of 40,000 chars.
    let long: String = (0..8_000).map(|i| format!("mot{} ", i % 977)).collect();
    let passages: Vec<Passage> = (0..3_000u64)
        .map(|i| Passage {
            uid: i,
            doc_id: format!("d{i}"),
            text: if i % 2 == 0 {
                long.clone()
            } else {
                long.replace("mot5 ", "mot5é ")
            },
            ..Default::default()
        })
        .collect();
    let pairs = (1..3_000u64)
        .map(|i| AlignedPair {
            a: 0,
            b: i,
            ..Default::default()
        })
        .collect();
    let data = ReportData {
        clusters: vec![Cluster {
            id: 1,
            passages,
            pairs,
            ..Default::default()
        }],
        ..Default::default()
    };
    let t = std::time::Instant::now();
    let page = render_html(&data);
    assert!(t.elapsed().as_secs() < 30, "took {:?}", t.elapsed());
    let v = embedded_json(&page);
    let c = &v["clusters"][0];
    assert_eq!(c["p"].as_array().unwrap().len(), 500);
    assert_eq!(c["more_p"], 2_500);
    assert_eq!(c["pairs"].as_array().unwrap().len(), 40);
    assert_eq!(c["p"][0]["cut"], true);
    assert_eq!(c["p"][0]["text"].as_str().unwrap().chars().count(), 6_001);
    assert!(page.len() < 40_000_000, "{} bytes", page.len());
}
