//! Each pattern and trap of quote extraction, bad input, and linking.

use echotrace_quotes::{extract, link, CharSpan, DiffOp, DocQuotes, Quote, QuoteKind, Resolution};

fn q(text: &str) -> Vec<Quote> {
    extract(text, &[], &[], None)
}

fn said(text: &str, quotes: &[Quote]) -> Vec<(String, Option<String>)> {
    let chars: Vec<char> = text.chars().collect();
    quotes
        .iter()
        .map(|q| {
            (
                chars[q.span.begin..q.span.end].iter().collect(),
                q.speaker
                    .as_ref()
                    .and_then(|s| s.label().map(str::to_string)),
            )
        })
        .collect()
}

#[test]
fn guillemets_inverted_verb_and_euphonic_t() {
    let t =
        "La ministre, Anne Roux, était à Lille. « Le plan sera prêt en mai », a-t-elle affirmé.";
    let r = q(t);
    assert_eq!(
        said(t, &r),
        [(
            "Le plan sera prêt en mai".to_string(),
            Some("Anne Roux".to_string())
        )]
    );
    assert!(matches!(r[0].resolution, Resolution::Resolved { .. }));
    assert_eq!(r[0].cue.as_deref(), Some("a-t-elle affirmé"));
    assert_eq!(r[0].kind, QuoteKind::Direct);
}

#[test]
fn name_and_role_split() {
    let t = "« Rien n'est décidé », a déclaré jeudi la porte-parole du ministère de la Mer, Lucie Marin.";
    let r = q(t);
    let sp = r[0].speaker.as_ref().expect("speaker");
    assert_eq!(sp.name.as_deref(), Some("Lucie Marin"));
    assert_eq!(
        sp.role.as_deref(),
        Some("porte-parole du ministère de la Mer")
    );
    assert_eq!(
        sp.as_written,
        "la porte-parole du ministère de la Mer, Lucie Marin"
    );
}

#[test]
fn short_name_linked_to_full_name() {
    let t =
        "Le ministre Paul Verdier a parlé. « Nous verrons bien demain matin », a dit M. Verdier.";
    assert_eq!(said(t, &q(t))[0].1.as_deref(), Some("Paul Verdier"));
}

#[test]
fn colon_and_narrow_spaces_and_straight_quotes() {
    let t = "Le maire Jean Dufour\u{a0}: «\u{202f}Nous rouvrirons l'école lundi.\u{202f}» Puis \"Les parents seront prévenus ce soir\", a-t-il ajouté.";
    let s = said(t, &q(t));
    assert_eq!(
        s[0],
        (
            "Nous rouvrirons l'école lundi.".to_string(),
            Some("Jean Dufour".to_string())
        )
    );
    assert_eq!(
        s[1],
        (
            "Les parents seront prévenus ce soir".to_string(),
            Some("Jean Dufour".to_string())
        )
    );
}

#[test]
fn english_patterns() {
    let t = "\u{201c}We will rebuild,\u{201d} said Mary Holt, the mayor. \u{201c}It will take years,\u{201d} she added, \u{201c}and a lot of money.\u{201d}";
    let s = said(t, &q(t));
    assert_eq!(s.len(), 3);
    assert!(
        s.iter().all(|(_, who)| who.as_deref() == Some("Mary Holt")),
        "{s:?}"
    );
}

#[test]
fn indirect_selon_and_according_to() {
    let t = "Selon la préfecture, trois routes restent coupées. Power was restored overnight, according to the utility.";
    let r = q(t);
    let s = said(t, &r);
    assert_eq!(
        s[0],
        (
            "trois routes restent coupées".to_string(),
            Some("préfecture".to_string())
        )
    );
    assert_eq!(
        s[1],
        (
            "Power was restored overnight".to_string(),
            Some("utility".to_string())
        )
    );
    assert!(r
        .iter()
        .all(|q| q.kind == QuoteKind::Indirect && q.marks.is_none()));
}

#[test]
fn continued_paragraph_is_one_quote() {
    let t = "« Premier paragraphe de la déclaration du juge.\n\n« Second paragraphe qui la termine », a conclu Marc Rey.";
    let r = q(t);
    assert_eq!(r.len(), 1);
    assert!(said(t, &r)[0].0.ends_with("qui la termine"));
    assert_eq!(said(t, &r)[0].1.as_deref(), Some("Marc Rey"));
}

#[test]
fn traps_scare_quotes_titles_nested() {
    let t = "Les « experts » ont lu le roman « La Mer rouge et le vent ». « Elle m'a dit “jamais” puis elle est partie », raconte Paul Ney.";
    let s = said(t, &q(t));
    assert_eq!(s.len(), 1, "{s:?}");
    assert!(s[0].0.contains("“jamais”"));
}

#[test]
fn comments_are_attributed_to_comments() {
    let t = "« Tout va bien dans notre ville », a dit le maire Luc Bon.\nBenoit: « tout va bien dans notre ville », vraiment ?";
    let c = CharSpan {
        begin: 58,
        end: t.chars().count(),
    };
    let r = extract(t, &[CharSpan { begin: 0, end: 57 }], &[c], Some("fr"));
    assert_eq!(r.len(), 2);
    assert_eq!(r[1].resolution, Resolution::Comment { n: 0 });
    assert!(r[1].speaker.is_none());
    assert_eq!(
        r[0].speaker.as_ref().and_then(|s| s.name.as_deref()),
        Some("Luc Bon")
    );
}

#[test]
fn other_languages_marks_are_detected() {
    let t = "Sie sagte: \u{201e}Wir bleiben hier.\u{201c} 市長は「安全を最優先にする」と述べた。";
    let r = q(t);
    assert_eq!(r.len(), 2);
}

#[test]
fn unbalanced_quote_is_capped_and_uncertain() {
    let body = "Un mot. « Le début d'une citation qui ne se ferme jamais et continue.\n".repeat(2);
    let t = format!("{body}Suite de l'article sans guillemets, bien plus longue encore.");
    let r = q(&t);
    assert!(!r.is_empty());
    for x in &r {
        assert!(x.uncertain);
        assert!(x.span.end <= t.chars().count());
        assert!(x.span.len() < 80, "capped at the paragraph end");
    }
    // a quote that runs to the end of the document
    let t = format!("« {}", "mot ".repeat(5000));
    let r = q(&t);
    assert_eq!(r.len(), 1);
    assert!(r[0].uncertain && r[0].span.len() <= 4000);
}

#[test]
fn pathological_inputs_do_not_panic() {
    let many = "« Une citation assez longue pour compter », a dit Jean Roc. ".repeat(3000);
    let r = q(&many);
    assert_eq!(r.len(), 3000);
    for t in [
        "«",
        "»",
        "\"",
        "« »",
        "“”„",
        "a-t-",
        "«\n«\n«",
        "', said",
        "Selon",
        "selon ,",
        "«é»",
        "「",
        "👍 « 👍 👍 👍 👍 » 👍",
        "\u{202f}\u{a0}«\u{202f}»",
    ] {
        let _ = q(t);
    }
    let nested = "« “ ‘ « “ ‘ ".repeat(500);
    let _ = q(&nested);
    let mixed = "Москва « Мы не согласны с этим решением », заявил Иван Петров. العربية « نص » 中文「引用文」";
    let _ = q(mixed);
}

#[test]
fn deterministic() {
    let t = "« Un », a dit A. Bé. “Deux trois quatre cinq,” said Joe Doe. Selon lui, c'est la fin du monde.";
    assert_eq!(format!("{:?}", q(t)), format!("{:?}", q(t)));
}

#[test]
fn linking_cut_and_edited_quotes() {
    let a =
        "« Nous avons des preuves solides de ces vols depuis trois ans au moins », a dit Ana Kim.";
    let b = "« Nous avons des preuves solides de ces vols depuis trois ans », a dit Ana Kim.";
    let c = "« nous avons des preuves fortes de ces vols depuis trois ans au moins » a-t-elle dit.";
    let d = "« Rien à voir avec la question posée hier soir au conseil », a dit Bob.";
    let docs: Vec<DocQuotes> = [
        ("a", a, "2021-07-22"),
        ("b", b, "2021-07-21"),
        ("c", c, "2021-07-23"),
        ("d", d, "2021-07-22"),
    ]
    .iter()
    .map(|(id, t, date)| DocQuotes::from_extracted(*id, Some(date.to_string()), t, &q(t)))
    .collect();
    let groups = link(&docs);
    assert_eq!(groups.len(), 1);
    let g = &groups[0];
    let ids: Vec<&str> = g.members.iter().map(|m| m.doc_id.as_str()).collect();
    assert_eq!(ids, ["b", "a", "c"], "ordered by date");
    let ref_id = &g.members[g.reference].doc_id;
    assert_eq!(ref_id, "a", "longest form is the reference");
    let b = &g.members[0];
    assert!(b.cut && !b.same_wording);
    let c = &g.members[2];
    assert!(
        !c.cut
            && c.diff
                .iter()
                .any(|o| matches!(o, DiffOp::Insert(w) if w == &["fortes".to_string()]))
    );
    assert!(c
        .diff
        .iter()
        .any(|o| matches!(o, DiffOp::Delete(w) if w == &["solides".to_string()])));
}
