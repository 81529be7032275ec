//! Realistic edits applied to each injected copy: structural (dropped,
//! added and reordered sentences or paragraphs), lexical (word substitutions,
//! insertions, deletions, case changes), typographic (quotes, guillemets,
//! dashes, asterisks after names, lost or doubled spaces) and OCR-like noise
//! (rn↔m, l↔1, e↔c, dropped letters, words hyphenated across a line break).
//!
//! Every copy keeps track of which source sentence each of its sentences
//! comes from, so that the aligned pieces can be recorded exactly.

use super::{LangCode, TextModel};
use crate::rng::Rng;

/// One sentence of a source passage and the paragraph it belongs to.
#[derive(Clone, Debug)]
pub(crate) struct Segment {
    pub text: String,
    pub para: u32,
}

/// One sentence of a copy: its text, the source sentence it derives from
/// (`None` for an added sentence) and its paragraph.
#[derive(Clone, Debug)]
pub(crate) struct CopyItem {
    pub text: String,
    pub seg: Option<u32>,
    pub para: u32,
}

/// Position of a rendered sentence: char and byte ranges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Placed {
    pub seg: Option<u32>,
    pub cb: usize,
    pub ce: usize,
    pub bb: usize,
    pub be: usize,
}

impl Placed {
    pub(crate) fn shifted(&self, chars: usize, bytes: usize) -> Placed {
        Placed {
            seg: self.seg,
            cb: self.cb + chars,
            ce: self.ce + chars,
            bb: self.bb + bytes,
            be: self.be + bytes,
        }
    }
}

/// A copy ready to be inserted: its text and its sentences' positions
/// relative to the start of that text.
#[derive(Clone, Debug)]
pub(crate) struct Rendered {
    pub text: String,
    pub chars: usize,
    pub items: Vec<Placed>,
}

/// How strongly a copy is edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    Verbatim,
    Light,
    Medium,
    Ocr,
    Heavy,
}

/// Per-copy edit rates.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Profile {
    pub level: Level,
    /// Per word.
    sub: f64,
    ins: f64,
    del: f64,
    /// Per copy.
    drop_sentence: f64,
    add_sentence: f64,
    reorder: f64,
    /// Per sentence.
    case: f64,
    /// Per letter.
    ocr: f64,
    /// Per long word.
    hyphen: f64,
    /// Probability of enabling each typographic transformation.
    typo: f64,
    /// Per space after punctuation / between sentences.
    lost_space: f64,
    /// Per space.
    double_space: f64,
    /// Minimum word Jaccard of every aligned piece with the source.
    pub min_jaccard: f64,
}

impl Profile {
    pub(crate) fn new(level: Level) -> Profile {
        let base = Profile {
            level,
            sub: 0.0,
            ins: 0.0,
            del: 0.0,
            drop_sentence: 0.0,
            add_sentence: 0.0,
            reorder: 0.0,
            case: 0.0,
            ocr: 0.0,
            hyphen: 0.0,
            typo: 0.0,
            lost_space: 0.0,
            double_space: 0.0,
            min_jaccard: 0.95,
        };
        match level {
            Level::Verbatim => base,
            Level::Light => Profile {
                sub: 0.015,
                ins: 0.005,
                del: 0.005,
                drop_sentence: 0.1,
                add_sentence: 0.1,
                reorder: 0.1,
                case: 0.05,
                typo: 0.4,
                lost_space: 0.02,
                double_space: 0.01,
                min_jaccard: 0.75,
                ..base
            },
            Level::Medium => Profile {
                sub: 0.05,
                ins: 0.02,
                del: 0.02,
                drop_sentence: 0.35,
                add_sentence: 0.3,
                reorder: 0.3,
                case: 0.12,
                ocr: 0.002,
                hyphen: 0.01,
                typo: 0.6,
                lost_space: 0.05,
                double_space: 0.03,
                min_jaccard: 0.65,
                ..base
            },
            Level::Ocr => Profile {
                sub: 0.005,
                del: 0.005,
                case: 0.05,
                ocr: 0.012,
                hyphen: 0.04,
                typo: 0.3,
                lost_space: 0.08,
                double_space: 0.05,
                min_jaccard: 0.6,
                ..base
            },
            Level::Heavy => Profile {
                sub: 0.12,
                ins: 0.05,
                del: 0.06,
                drop_sentence: 0.7,
                add_sentence: 0.6,
                reorder: 0.5,
                case: 0.25,
                ocr: 0.006,
                hyphen: 0.02,
                typo: 0.8,
                lost_space: 0.1,
                double_space: 0.05,
                min_jaccard: 0.55,
                ..base
            },
        }
    }

    /// Draws a level for a copy of a multi-sentence passage.
    pub(crate) fn draw(rng: &mut Rng, allow_heavy: bool) -> Profile {
        let w = [0.12, 0.45, 0.25, 0.10, if allow_heavy { 0.08 } else { 0.0 }];
        let level = [
            Level::Verbatim,
            Level::Light,
            Level::Medium,
            Level::Ocr,
            Level::Heavy,
        ][rng.weighted(&w)];
        Profile::new(level)
    }

    /// Draws a level for a copy of a single short sentence.
    pub(crate) fn draw_short(rng: &mut Rng) -> Profile {
        let level = [Level::Verbatim, Level::Light, Level::Ocr][rng.weighted(&[0.3, 0.6, 0.1])];
        let mut p = Profile::new(level);
        p.drop_sentence = 0.0;
        p.add_sentence = 0.0;
        p.reorder = 0.0;
        p
    }

    /// The next lighter level, used when a draw edited a copy too much.
    pub(crate) fn lighter(&self) -> Profile {
        let level = match self.level {
            Level::Heavy => Level::Medium,
            Level::Medium | Level::Ocr => Level::Light,
            Level::Light | Level::Verbatim => Level::Verbatim,
        };
        let mut p = Profile::new(level);
        if self.drop_sentence == 0.0 && self.add_sentence == 0.0 && self.reorder == 0.0 {
            p.drop_sentence = 0.0;
            p.add_sentence = 0.0;
            p.reorder = 0.0;
        }
        p
    }
}

/// Whether a copy's paragraphs were reordered (for statistics).
pub(crate) struct CopyOutcome {
    pub rendered: Rendered,
    pub reordered: bool,
}

/// Produces an edited copy of `src` according to `p`. `model` supplies
/// substituted and inserted words, `new_sentence` added sentences.
pub(crate) fn make_copy(
    src: &[Segment],
    p: &Profile,
    lang: LangCode,
    model: &TextModel,
    new_sentence: &mut dyn FnMut(&mut Rng) -> String,
    rng: &mut Rng,
) -> CopyOutcome {
    let mut items: Vec<CopyItem> = src
        .iter()
        .enumerate()
        .map(|(i, s)| CopyItem {
            text: s.text.clone(),
            seg: Some(i as u32),
            para: s.para,
        })
        .collect();

    // Structural edits.
    let mut reordered = false;
    let mut paras: Vec<u32> = items.iter().map(|it| it.para).collect();
    paras.dedup();
    if paras.len() >= 2 && rng.chance(p.reorder) {
        let mut order = paras.clone();
        rng.shuffle(&mut order);
        if order == paras {
            order.swap(0, 1);
        }
        let mut re = Vec::with_capacity(items.len());
        for para in &order {
            re.extend(items.iter().filter(|it| it.para == *para).cloned());
        }
        items = re;
        reordered = true;
    }
    if items.len() >= 3 && rng.chance(p.drop_sentence) {
        let k = rng.below(items.len());
        items.remove(k);
    }
    if rng.chance(p.add_sentence) {
        let s = new_sentence(rng);
        let k = rng.below(items.len() + 1);
        let para = if k == 0 {
            items[0].para
        } else {
            items[k - 1].para
        };
        items.insert(
            k,
            CopyItem {
                text: s,
                seg: None,
                para,
            },
        );
    }

    // Sentence-level edits.
    let typo = Typography::draw(p, lang, rng);
    for it in &mut items {
        let mut t = word_edits(&it.text, p, model, rng);
        if rng.chance(p.case) {
            t = case_edit(&t, p.level == Level::Heavy, rng);
        }
        if p.ocr > 0.0 || p.hyphen > 0.0 {
            t = ocr_noise(&t, p.ocr, p.hyphen, rng);
        }
        t = typo.apply(&t, rng);
        it.text = t;
    }

    CopyOutcome {
        rendered: render(&items, p, rng),
        reordered,
    }
}

/// Concatenates the items: sentences of one paragraph are joined by a space
/// (sometimes lost or doubled), paragraphs by a blank line.
fn render(items: &[CopyItem], p: &Profile, rng: &mut Rng) -> Rendered {
    let mut text = String::new();
    let mut chars = 0;
    let mut placed = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            let sep = if it.para != items[i - 1].para {
                "\n\n"
            } else if rng.chance(p.lost_space) {
                ""
            } else if rng.chance(p.double_space) {
                "  "
            } else {
                " "
            };
            text.push_str(sep);
            chars += sep.chars().count();
        }
        let bb = text.len();
        let cb = chars;
        text.push_str(&it.text);
        chars += it.text.chars().count();
        placed.push(Placed {
            seg: it.seg,
            cb,
            ce: chars,
            bb,
            be: text.len(),
        });
    }
    Rendered {
        text,
        chars,
        items: placed,
    }
}

/// Splits a token into leading punctuation, alphanumeric core, trailing
/// punctuation.
fn split_token(t: &str) -> (&str, &str, &str) {
    let start = t.find(|c: char| c.is_alphanumeric());
    match start {
        None => (t, "", ""),
        Some(s) => {
            let end = t
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_alphanumeric())
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or(t.len());
            (&t[..s], &t[s..end], &t[end..])
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn word_edits(s: &str, p: &Profile, model: &TextModel, rng: &mut Rng) -> String {
    if p.sub == 0.0 && p.ins == 0.0 && p.del == 0.0 {
        return s.to_string();
    }
    let toks: Vec<&str> = s.split(' ').collect();
    let n = toks.len();
    let mut out: Vec<String> = Vec::with_capacity(n + 2);
    let mut deleted = 0;
    for (i, t) in toks.iter().enumerate() {
        let last = i + 1 == n;
        if !last && i > 0 && n - deleted > 4 && rng.chance(p.del) {
            deleted += 1;
            continue;
        }
        let (lead, core, trail) = split_token(t);
        if !core.is_empty() && rng.chance(p.sub) {
            let w = model.random_word(rng).to_lowercase();
            let w = if core.chars().next().is_some_and(char::is_uppercase) {
                capitalise(&w)
            } else {
                w
            };
            out.push(format!("{lead}{w}{trail}"));
        } else {
            out.push(t.to_string());
        }
        if !last && rng.chance(p.ins) {
            out.push(model.random_word(rng).to_lowercase());
        }
    }
    out.join(" ")
}

/// One case change in a sentence.
fn case_edit(s: &str, allow_shout: bool, rng: &mut Rng) -> String {
    if allow_shout && rng.chance(0.1) {
        return s.to_uppercase();
    }
    let mut toks: Vec<String> = s.split(' ').map(str::to_string).collect();
    match rng.below(4) {
        0 => {
            let k = rng.below(toks.len());
            toks[k] = toks[k].to_uppercase();
        }
        1 => {
            // A capitalised word (not the first) loses its capital.
            let caps: Vec<usize> = (1..toks.len())
                .filter(|&i| toks[i].chars().next().is_some_and(char::is_uppercase))
                .collect();
            if caps.is_empty() {
                toks[0] = lower_first(&toks[0]);
            } else {
                let k = rng.pick(&caps);
                toks[k] = lower_first(&toks[k]);
            }
        }
        2 => {
            let k = rng.below(toks.len());
            toks[k] = capitalise(&toks[k]);
        }
        _ => toks[0] = lower_first(&toks[0]),
    }
    toks.join(" ")
}

/// OCR-like character noise and hyphenation across line breaks.
fn ocr_noise(s: &str, rate: f64, hyphen: f64, rng: &mut Rng) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    let mut word_len = 0usize;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphabetic() {
            // Hyphenate a long word at its middle.
            if word_len == 0 {
                let len = chars[i..].iter().take_while(|c| c.is_alphabetic()).count();
                if len >= 7 && rng.chance(hyphen) {
                    let cut = rng.range(3, len - 3);
                    out.extend(&chars[i..i + cut]);
                    out.push_str("-\n");
                    out.extend(&chars[i + cut..i + len]);
                    i += len;
                    continue;
                }
            }
            word_len += 1;
            if rng.chance(rate) {
                let next = chars.get(i + 1).copied();
                match (c, next) {
                    ('r', Some('n')) => {
                        out.push('m');
                        i += 2;
                        continue;
                    }
                    ('m', _) => out.push_str("rn"),
                    ('l', _) => out.push('1'),
                    ('I', _) => out.push('l'),
                    ('e', _) => out.push('c'),
                    ('c', _) => out.push('e'),
                    ('o', _) => out.push('0'),
                    ('u', _) => out.push('n'),
                    ('n', _) => out.push('u'),
                    ('h', _) => out.push('b'),
                    _ => {
                        if word_len > 1 {
                            // Dropped character.
                        } else {
                            out.push(c);
                        }
                    }
                }
                i += 1;
                continue;
            }
        } else {
            word_len = 0;
            if c == '1' && rng.chance(rate) {
                out.push('l');
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Typographic transformations chosen once per copy.
struct Typography {
    /// Convert straight double quotes to curly ones or to guillemets.
    quotes_out: Option<bool>,
    /// Convert curly quotes and guillemets to straight double quotes.
    quotes_in: bool,
    apostrophe_curly: Option<bool>,
    dash: Option<&'static str>,
    asterisk_rate: f64,
    strip_asterisks: bool,
    lost_space: f64,
    double_space: f64,
}

impl Typography {
    fn draw(p: &Profile, lang: LangCode, rng: &mut Rng) -> Typography {
        let t = p.typo;
        Typography {
            quotes_out: if rng.chance(t * 0.5) {
                Some(lang == LangCode::Fr && rng.chance(0.7))
            } else {
                None
            },
            quotes_in: rng.chance(t * 0.4),
            apostrophe_curly: if rng.chance(t * 0.4) {
                Some(rng.chance(0.5))
            } else {
                None
            },
            dash: if rng.chance(t * 0.4) {
                Some(rng.pick(&[" – ", " — ", " - "]))
            } else {
                None
            },
            asterisk_rate: if rng.chance(t * 0.2) { 0.3 } else { 0.0 },
            strip_asterisks: rng.chance(t * 0.5),
            lost_space: p.lost_space,
            double_space: p.double_space,
        }
    }

    fn apply(&self, s: &str, rng: &mut Rng) -> String {
        let mut t = s.to_string();
        if self.quotes_in {
            t = t
                .replace("« ", "\"")
                .replace("«\u{a0}", "\"")
                .replace(" »", "\"")
                .replace("\u{a0}»", "\"")
                .replace(['«', '»', '“', '”'], "\"");
        }
        if let Some(guillemets) = self.quotes_out {
            // A quote at the start or after a space or an opening bracket
            // opens, any other closes.
            let mut out = String::with_capacity(t.len() + 8);
            let mut prev: Option<char> = None;
            for c in t.chars() {
                if c == '"' {
                    let open = prev.is_none_or(|p| p.is_whitespace() || "([{".contains(p));
                    match (guillemets, open) {
                        (true, true) => out.push_str("«\u{a0}"),
                        (true, false) => out.push_str("\u{a0}»"),
                        (false, true) => out.push('“'),
                        (false, false) => out.push('”'),
                    }
                } else {
                    out.push(c);
                }
                prev = Some(c);
            }
            t = out;
        }
        match self.apostrophe_curly {
            Some(true) => t = t.replace('\'', "’"),
            Some(false) => t = t.replace('’', "'"),
            None => {}
        }
        if let Some(d) = self.dash {
            for from in [" - ", " – ", " — "] {
                if from != d {
                    t = t.replace(from, d);
                }
            }
        }
        if self.strip_asterisks {
            t = t.replace('*', "");
        }
        if self.asterisk_rate > 0.0 {
            // "Daech*": an asterisk after some capitalised words (not the
            // first word of the sentence).
            let toks: Vec<&str> = t.split(' ').collect();
            let mut out = Vec::with_capacity(toks.len());
            for (i, tok) in toks.iter().enumerate() {
                let (_, core, trail) = split_token(tok);
                let proper = i > 0
                    && core.chars().count() >= 3
                    && core.chars().next().is_some_and(char::is_uppercase)
                    && trail.is_empty();
                if proper && rng.chance(self.asterisk_rate) {
                    out.push(format!("{tok}*"));
                } else {
                    out.push(tok.to_string());
                }
            }
            t = out.join(" ");
        }
        if self.lost_space > 0.0 || self.double_space > 0.0 {
            let chars: Vec<char> = t.chars().collect();
            let mut out = String::with_capacity(t.len());
            for (i, &c) in chars.iter().enumerate() {
                if c == ' ' && i > 0 {
                    let prev = chars[i - 1];
                    if matches!(prev, ',' | '.' | ';' | ':' | '!' | '?')
                        && rng.chance(self.lost_space)
                    {
                        continue;
                    }
                    if rng.chance(self.double_space) {
                        out.push(' ');
                    }
                }
                out.push(c);
            }
            t = out;
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gen::grammar::Grammar;

    fn model() -> TextModel {
        TextModel::Grammar(Grammar::new(LangCode::En))
    }

    fn copy(src: &[Segment], level: Level, rng: &mut Rng) -> CopyOutcome {
        let m = model();
        let mut add = |r: &mut Rng| {
            let mut s = String::new();
            m.sentence(r, &mut crate::gen::History::new(), &mut s);
            s
        };
        make_copy(src, &Profile::new(level), LangCode::En, &m, &mut add, rng)
    }

    fn source() -> Vec<Segment> {
        let texts = [
            "The council approved the new budget on Monday.",
            "Critics said the plan would cost \"far too much\" - at least £40m.",
            "Officials in Varnholm said 300 residents had been affected.",
            "The mayor, Sarah Walker, declined to comment on the report.",
            "A fresh review is expected before the end of March.",
        ];
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Segment {
                text: t.to_string(),
                para: (i / 2) as u32,
            })
            .collect()
    }

    #[test]
    fn verbatim_copy_is_identical_to_the_source() {
        let mut rng = Rng::new(5);
        let src = source();
        let c = copy(&src, Level::Verbatim, &mut rng);
        let expected = "The council approved the new budget on Monday. Critics said the plan would cost \"far too much\" - at least £40m.\n\nOfficials in Varnholm said 300 residents had been affected. The mayor, Sarah Walker, declined to comment on the report.\n\nA fresh review is expected before the end of March.";
        assert_eq!(c.rendered.text, expected);
        assert_eq!(c.rendered.chars, expected.chars().count());
        for (i, p) in c.rendered.items.iter().enumerate() {
            assert_eq!(p.seg, Some(i as u32));
            assert_eq!(&c.rendered.text[p.bb..p.be], src[i].text);
        }
    }

    #[test]
    fn edited_copies_keep_track_of_their_sentences() {
        let src = source();
        let mut rng = Rng::new(9);
        let mut reordered = 0;
        for _ in 0..200 {
            let c = copy(&src, Level::Heavy, &mut rng);
            let r = &c.rendered;
            let mut last_end = 0;
            for p in &r.items {
                assert!(p.bb >= last_end && p.be > p.bb, "{p:?}");
                assert_eq!(r.text[..p.bb].chars().count(), p.cb);
                assert_eq!(r.text[..p.be].chars().count(), p.ce);
                last_end = p.be;
            }
            assert_eq!(r.chars, r.text.chars().count());
            reordered += c.reordered as usize;
        }
        assert!(reordered > 50, "{reordered}");
    }

    #[test]
    fn ocr_and_typography_transformations() {
        let mut rng = Rng::new(1);
        let s = "The modern railway terminal will be inaugurated tomorrow.";
        let noisy = ocr_noise(s, 0.3, 1.0, &mut rng);
        assert_ne!(noisy, s);
        assert!(noisy.contains("-\n"), "{noisy}");

        let t = Typography {
            quotes_out: Some(true),
            quotes_in: false,
            apostrophe_curly: Some(true),
            dash: Some(" — "),
            asterisk_rate: 0.0,
            strip_asterisks: true,
            lost_space: 0.0,
            double_space: 0.0,
        };
        assert_eq!(
            t.apply(
                "Il a dit \"non\" - c'est Daech*. \"Oui.\" (\"x\")",
                &mut rng
            ),
            "Il a dit «\u{a0}non\u{a0}» — c’est Daech. «\u{a0}Oui.\u{a0}» («\u{a0}x\u{a0}»)"
        );
        let back = Typography {
            quotes_out: None,
            quotes_in: true,
            apostrophe_curly: Some(false),
            dash: None,
            asterisk_rate: 1.0,
            strip_asterisks: false,
            lost_space: 1.0,
            ..t
        };
        assert_eq!(
            back.apply("Selon « Maria Zakharova », l’armée, dit-on.", &mut rng),
            "Selon \"Maria* Zakharova\",l'armée,dit-on."
        );
    }

    #[test]
    fn word_edits_change_some_words_but_not_all() {
        let mut rng = Rng::new(2);
        let p = Profile::new(Level::Heavy);
        let s = "one two three four five six seven eight nine ten eleven twelve.";
        let mut changed = 0;
        for _ in 0..50 {
            let e = word_edits(s, &p, &model(), &mut rng);
            assert!(e.ends_with('.'), "{e}");
            assert!(e.split(' ').count() >= 9, "{e}");
            if e != s {
                changed += 1;
            }
        }
        assert!(changed > 25, "{changed}");
    }
}
