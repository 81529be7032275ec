//! Cleaning tests: our own small corpus (tests/data), bad inputs, and the
//! seed expectations and extraction score when ../shared is present.

use std::path::{Path, PathBuf};

use echotrace_clean::{
    clean_html, clean_text, eval_extraction, CleanOptions, Cleaned, Extractor, LineKind, Precision,
    Reason, SiteTemplates,
};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(data(name)).unwrap()
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.is_dir() {
        Some(p)
    } else {
        None
    }
}

/// Every span of the record points into its text, in order, without overlaps.
fn check_spans(c: &Cleaned) {
    let n = c.text.chars().count();
    let mut last = 0;
    for s in &c.body {
        assert!(
            s.begin <= s.end && s.end <= n,
            "span {s:?} outside text of {n}"
        );
        assert!(s.begin >= last, "body spans overlap or go backwards");
        last = s.end;
    }
    for l in &c.lines {
        assert!(l.span.end <= n);
    }
    for cm in &c.comments {
        assert!(cm.span.end <= n);
    }
}

#[test]
fn text_dump_single_page() {
    let text = read("site/page1.txt");
    let c = clean_text(&text, &CleanOptions::default(), None);
    check_spans(&c);
    let body = c.body_text();
    assert!(
        body.starts_with("The largest crane the port has ever owned"),
        "{body}"
    );
    assert!(body.ends_with("about its cost."), "{body}");
    for furniture in [
        "Login",
        "cookies",
        "Home »",
        "Share",
        "Read also",
        "Most read",
        "© 2024",
        "Ferry timetable",
    ] {
        assert!(!body.contains(furniture), "{furniture:?} left in body");
    }
    assert_eq!(
        c.title.as_deref(),
        Some("New crane arrives at the north quay")
    );
    assert_eq!(c.author.as_deref(), Some("Mara Quill"));
    let d = c.date.as_ref().unwrap();
    assert_eq!(
        (d.value.as_str(), d.precision),
        ("2024-03-14", Precision::Day)
    );
    assert_eq!(c.language.as_ref().map(|l| l.code.as_str()), Some("en"));
    assert_eq!(c.site.as_deref(), Some("Harbour Gazette"));
    // Offsets point into the original text.
    for s in &c.body {
        assert_eq!(
            c.slice(*s),
            text.chars().skip(s.begin).take(s.len()).collect::<String>()
        );
    }
    // Nothing is lost: every non-blank line has a decision.
    assert!(c
        .lines
        .iter()
        .any(|l| l.kind == LineKind::Furniture(Reason::Cookie)));
    assert!(c
        .lines
        .iter()
        .any(|l| l.kind == LineKind::Furniture(Reason::Share)));
}

#[test]
fn site_templates_remove_recurring_lines() {
    let pages: Vec<String> = (1..=3)
        .map(|i| read(&format!("site/page{i}.txt")))
        .collect();
    let tagline = "The Harbour Gazette is an independent newspaper";
    // Alone, the long tagline reads like a sentence of running text.
    let alone = clean_text(&pages[1], &CleanOptions::default(), None);
    let tag_alone = alone
        .lines
        .iter()
        .find(|l| alone.slice(l.span).starts_with(tagline))
        .unwrap();
    let stats = SiteTemplates::from_texts(pages.iter().map(|s| s.as_str()));
    assert_eq!(stats.documents(), 3);
    for p in &pages {
        let c = clean_text(p, &CleanOptions::default(), Some(&stats));
        check_spans(&c);
        let tag = c
            .lines
            .iter()
            .find(|l| c.slice(l.span).starts_with(tagline))
            .unwrap();
        assert_eq!(tag.kind, LineKind::Furniture(Reason::Template));
        assert!(!c.body_text().contains(tagline));
        assert!(c.body_text().split('\n').count() >= 3);
    }
    assert_ne!(
        tag_alone.kind,
        LineKind::Body,
        "tagline should not be body even alone (it is after the article)"
    );
}

#[test]
fn comments_separated_by_reply_lines() {
    let text = read("comments.txt");
    let c = clean_text(&text, &CleanOptions::default(), None);
    check_spans(&c);
    let body = c.body_text();
    assert!(body.starts_with("The old pier has stood"), "{body}");
    assert!(body.ends_with("budget line can show."), "{body}");
    assert!(!body.contains("comments on"));
    assert_eq!(c.title.as_deref(), Some("Why the old pier should stay"));
    assert_eq!(
        c.date.as_ref().map(|d| d.value.as_str()),
        Some("2023-04-02")
    );
    assert_eq!(c.comments.len(), 5, "{:#?}", c.comments);
    assert_eq!(c.comments[0].author.as_deref(), Some("Jonas Brand"));
    assert_eq!(
        c.comments[0].date.as_ref().map(|d| d.value.as_str()),
        Some("2023-04-03")
    );
    assert!(c.comments[0].text.starts_with("Completely agree."));
    assert_eq!(
        c.comments[4].text,
        "Lovely piece, thank you for writing it."
    );
    assert!(c.lines.iter().any(|l| l.kind == LineKind::CommentHeader));
}

#[test]
fn html_page_with_comments_and_furniture() {
    let bytes = std::fs::read(data("article.html")).unwrap();
    let c = clean_html(
        &bytes,
        Some("https://courier.example/storm"),
        &CleanOptions::default(),
    )
    .unwrap();
    check_spans(&c);
    let body = c.body_text();
    assert!(body.contains("The storm that crossed the coast"), "{body}");
    assert!(body.contains("compensation for the damage to their homes."));
    for furniture in [
        "Home",
        "cookies",
        "Related articles",
        "Promenade lights",
        "Leave a Reply",
        "© 2022",
        "needed proper work",
    ] {
        assert!(
            !body.contains(furniture),
            "{furniture:?} left in body:\n{body}"
        );
    }
    assert_eq!(c.comments.len(), 2, "{:#?}", c.comments);
    assert_eq!(
        c.comments[0].text,
        "The wall has needed proper work for a decade."
    );
    assert_eq!((c.comments[0].depth, c.comments[1].depth), (0, 1));
    assert_eq!(c.comments[1].parent, Some(0));
    assert_eq!(c.comments[0].author.as_deref(), Some("Carl Dunn"));
    assert_eq!(c.site.as_deref(), Some("Coast Courier"));
    assert_eq!(
        c.date.as_ref().map(|d| d.value.as_str()),
        Some("2022-11-08")
    );
    assert_eq!(c.language.as_ref().map(|l| l.code.as_str()), Some("en"));
    assert_eq!(c.url.as_deref(), Some("https://courier.example/storm"));
}

#[test]
fn latin1_page() {
    let bytes = std::fs::read(data("latin1.html")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err());
    let c = clean_html(&bytes, None, &CleanOptions::default()).unwrap();
    let body = c.body_text();
    assert!(
        body.contains("Après trois mois de travaux, le marché couvert"),
        "{body}"
    );
    assert!(!body.contains("Accueil"));
    assert_eq!(c.language.as_ref().map(|l| l.code.as_str()), Some("fr"));
}

#[test]
fn bad_inputs_give_errors_or_records_never_panics() {
    let opts = CleanOptions::default();
    // Binary data.
    let bin: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert!(clean_html(&bin, None, &opts).is_err());
    let _ = clean_text(&String::from_utf8_lossy(&bin), &opts, None);
    // Empty and whitespace.
    assert!(clean_html(b"", None, &opts).is_err());
    let c = clean_text("", &opts, None);
    assert!(c.body.is_empty());
    let c = clean_text("\n\n  \n", &opts, None);
    assert!(c.body.is_empty());
    // Malformed HTML.
    let c = clean_html(
        b"<html><body><p>Unclosed <b><i>tags <div></p></span></table> and text that goes on",
        None,
        &opts,
    )
    .unwrap();
    check_spans(&c);
    // Deeply nested HTML is read without a DOM.
    let mut deep = String::from("<html><body>");
    for _ in 0..100_000 {
        deep.push_str("<div>");
    }
    deep.push_str("A paragraph deep inside many boxes, long enough to count as running text for the classifier here.");
    let t = std::time::Instant::now();
    let c = clean_html(deep.as_bytes(), None, &opts).unwrap();
    assert!(c.text.contains("A paragraph deep inside"));
    assert!(t.elapsed().as_secs() < 20);
    // A huge page is cut, not refused.
    let mut huge = String::from("<html><body>");
    let para = "<p>The committee met again on Friday and discussed the harbour budget for the coming year in detail.</p>";
    while huge.len() < 12 << 20 {
        huge.push_str(para);
    }
    let small = CleanOptions {
        max_html_bytes: 1 << 20,
        ..CleanOptions::default()
    };
    let c = clean_html(huge.as_bytes(), None, &small).unwrap();
    assert!(c.text.len() <= 1 << 20);
    // Odd line breaks and characters.
    let c = clean_text("a\r\n\r\nb\u{0}c\u{FFFD}\n\u{200B}", &opts, None);
    check_spans(&c);
}

/// WARC pages as read by echotrace-ingest (the stage before this one) are
/// cleaned with the charset their HTTP headers give.
#[test]
fn warc_of_html_pages() {
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read(data("article.html")).unwrap();
    let latin = std::fs::read(data("latin1.html")).unwrap();
    let rec = |url: &str, ctype: &str, body: &[u8]| {
        let mut http = format!("HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n\r\n").into_bytes();
        http.extend_from_slice(body);
        let mut v = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2022-11-09T00:00:00Z\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        v.extend(http);
        v.extend_from_slice(b"\r\n\r\n");
        v
    };
    let mut w = rec(
        "https://courier.example/storm",
        "text/html; charset=utf-8",
        &page,
    );
    w.extend(rec(
        "https://gazette.example/marche",
        "text/html; charset=windows-1252",
        &latin,
    ));
    w.extend(rec(
        "https://courier.example/logo.png",
        "image/png",
        b"\x89PNG\r\n\x1a\n",
    ));
    let p = dir.path().join("crawl.warc");
    std::fs::write(&p, &w).unwrap();
    let opts = echotrace_ingest::IngestOptions::default();
    let mut reader = echotrace_ingest::open_warc_file(&p, &opts).unwrap();
    let mut pages = Vec::new();
    for r in reader.by_ref() {
        let page = r.unwrap();
        let c = echotrace_clean::clean_html_with_charset(
            &page.bytes,
            page.url.as_deref(),
            page.charset.as_deref(),
            &CleanOptions::default(),
        )
        .unwrap();
        assert!(!c.body.is_empty());
        pages.push((page.url.unwrap(), c));
    }
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[1].0, "https://gazette.example/marche");
    // The Windows-1252 page was decoded, not mangled.
    assert!(!pages[1].1.text.contains('\u{FFFD}'));
    // The image is skipped (counted), not an error.
    assert_eq!(reader.skipped_by_kind().get("image/png"), Some(&1));
}

#[test]
fn seed_002_page_furniture() {
    let Some(sh) = shared() else {
        println!("SKIP seed_002_page_furniture: ../shared not found");
        return;
    };
    let Some(path) = first_with_prefix(&sh.join("seeds"), "002_") else {
        println!("SKIP seed_002_page_furniture: seed 002 not found");
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let c = clean_text(&text, &CleanOptions::default(), None);
    check_spans(&c);
    let body = c.body_text();
    assert!(
        body.starts_with("Un faisceau d’indices"),
        "{}",
        &body[..100.min(body.len())]
    );
    for line in [
        "Close Menu",
        "Maroc-Kenya",
        "28 mai 2025",
        "Facebook",
        "Login",
        "Retrait US d’Afghanistan",
        "Continuer la lecture",
        "Ad Blocker Enabled",
        "© 2025",
        "Privacy Policy",
        "Leave A Reply",
        "Subscribe",
        "Sign In",
    ] {
        assert!(!body.contains(line), "{line:?} left in the body");
    }
    assert!(body.contains("retrait précipité d’Afghanistan du contingent américain."));
    assert_eq!(
        c.title.as_deref(),
        Some("Retrait US d’Afghanistan : Moscou soupçonne Washington d’aider Daech")
    );
    let d = c.date.unwrap();
    assert_eq!(
        (d.value.as_str(), d.precision),
        ("2021-07-23", Precision::Day)
    );
    assert_eq!(c.language.map(|l| l.code), Some("fr".to_string()));
}

#[test]
fn seed_004_comments() {
    let Some(sh) = shared() else {
        println!("SKIP seed_004_comments: ../shared not found");
        return;
    };
    let Some(path) = first_with_prefix(&sh.join("seeds"), "004_") else {
        println!("SKIP seed_004_comments: seed 004 not found");
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let c = clean_text(&text, &CleanOptions::default(), None);
    check_spans(&c);
    let body = c.body_text();
    assert!(!body.contains("commentaires sur"));
    assert!(
        body.trim_end().ends_with("sur leur origine.")
            || body.contains("il ne les a pas produites"),
        "{body}"
    );
    let header_at = text.find("43 commentaires").unwrap();
    let header_char = text[..header_at].chars().count();
    assert!(c.body.iter().all(|s| s.end <= header_char));
    // Every numbered comment of the dump (34 of the 43 announced are in it) is its own item.
    let numbered = text.lines().filter(|l| {
        let t = l.trim_start();
        let d: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
        !d.is_empty() && t[d.len()..].starts_with(". ")
    });
    let n = numbered.count();
    assert!(n >= 30);
    assert_eq!(c.comments.len(), n);
    assert!(c.comments.iter().any(|c| c.depth >= 2));
    assert!(c
        .comments
        .iter()
        .all(|c| (c.depth == 0) == c.parent.is_none()));
    assert!(c.comments[0].text.starts_with("Effectivement"));
    // The comment quoting the article stays a comment.
    assert!(c
        .comments
        .iter()
        .any(|c| c.text.contains("Nous engagerons un dialogue diplomatique")));
    assert!(
        c.date.is_none(),
        "no publication date is written in this dump: {:?}",
        c.date
    );
}

#[test]
fn seed_004_comment_quoting_the_article() {
    let Some(sh) = shared() else {
        println!("SKIP seed_004_comment_quoting_the_article: ../shared not found");
        return;
    };
    let Some(path) = first_with_prefix(&sh.join("seeds"), "004_") else {
        println!("SKIP seed_004_comment_quoting_the_article: seed 004 not found");
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let c = clean_text(&text, &CleanOptions::default(), None);
    let slice = |s: echotrace_core::model::CharSpan| -> String {
        text.chars().skip(s.begin).take(s.len()).collect()
    };
    let quoting: Vec<&echotrace_clean::Comment> = c
        .comments
        .iter()
        .filter(|m| !m.quotes_article.is_empty())
        .collect();
    // The comment that copies the paragraph on the diplomatic dialogue.
    let dialogue = quoting
        .iter()
        .find(|m| m.text.contains("Nous engagerons un dialogue diplomatique"))
        .expect("the comment quoting the article is found");
    let q = dialogue
        .quotes_article
        .iter()
        .max_by_key(|q| q.words)
        .unwrap();
    assert!(q.words >= 20, "{q:?}");
    let in_comment = slice(q.comment);
    let in_body = slice(q.body);
    assert!(
        in_comment.contains("dialogue diplomatique avec la Russie"),
        "{in_comment}"
    );
    assert!(
        in_body.contains("dialogue diplomatique avec la Russie"),
        "{in_body}"
    );
    // Both spans are where they should be: inside the comment, inside the body.
    assert!(q.comment.begin >= dialogue.span.begin && q.comment.end <= dialogue.span.end);
    assert!(c
        .body
        .iter()
        .any(|b| q.body.begin >= b.begin && q.body.end <= b.end));
    // Comments that only argue are not quotes.
    assert!(quoting.len() < c.comments.len() / 2, "{}", quoting.len());
}

#[test]
fn seed_001_header_date() {
    let Some(sh) = shared() else {
        println!("SKIP seed_001_header_date: ../shared not found");
        return;
    };
    let Some(path) = first_with_prefix(&sh.join("seeds"), "001_") else {
        println!("SKIP seed_001_header_date: seed 001 not found");
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let c = clean_text(&text, &CleanOptions::default(), None);
    let d = c.date.unwrap();
    assert_eq!(
        (d.value.as_str(), d.precision),
        ("2021-07", Precision::Month)
    );
    // A clean article keeps all its text.
    let kept: usize = c.body.iter().map(|s| s.len()).sum();
    assert!(kept * 10 >= text.chars().count() * 9);
}

#[test]
fn extraction_dev_score() {
    let Some(sh) = shared() else {
        println!("SKIP extraction_dev_score: ../shared not found");
        return;
    };
    let dir = sh.join("data/extraction-dev");
    if !dir.join("annotations.json").is_file() {
        println!("SKIP extraction_dev_score: {} not found", dir.display());
        return;
    }
    let ex = Extractor::Combined;
    let s = eval_extraction(&dir, |b, u| ex.extract_text(b, u)).unwrap();
    println!(
        "extraction-dev combined: P {:.3} R {:.3} F1 {:.3} on {} pages",
        s.precision, s.recall, s.f1, s.pages
    );
    assert_eq!(s.pages, 347);
    assert!(s.f1 >= 0.94, "F1 {:.3} below target", s.f1);
}

fn first_with_prefix(dir: &Path, prefix: &str) -> Option<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .map(|n| n.starts_with(prefix))
                .unwrap_or(false)
        })
        .collect();
    v.sort();
    v.into_iter().next()
}

#[test]
fn big_text_dump_with_many_comments_is_linear() {
    let mut text = String::from("Title of a long page\n\n");
    for i in 0..2000 {
        text.push_str(&format!(
            "Paragraph {i} of the article explains in some detail what the council decided about the harbour, why it matters to the town and what the people living near the quay think of it.\n\n"
        ));
    }
    text.push_str("3000 comments\n\n");
    for i in 1..=3000 {
        text.push_str(&format!(
            "  {i}. A reader writes comment number {i} about the decision.\n\n"
        ));
    }
    let t = std::time::Instant::now();
    let c = clean_text(&text, &CleanOptions::default(), None);
    assert_eq!(c.comments.len(), 3000);
    assert!(c.body_text().contains("Paragraph 1999 of the article"));
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}
