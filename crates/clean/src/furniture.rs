//! Page furniture recognised from a line's own words: share and subscribe
//! prompts, login and cookie notices, "read also" teasers, copyright and
//! advertising lines, in the languages echotrace meets most (en, fr, de, es,
//! it, pt, ru, pl, nl).

use serde::{Deserialize, Serialize};

/// Why a line or block was set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Navigation: short lines, bullets of one or two words, breadcrumbs.
    Menu,
    /// Text that is mostly links (lists of other articles).
    LinkList,
    /// A line that is only a date or a date with a time.
    Date,
    /// Share / follow buttons and social network names.
    Share,
    /// Newsletter and subscription prompts, paywall notices.
    Subscribe,
    /// Login, register, account prompts.
    Login,
    /// Cookie and privacy notices.
    Cookie,
    /// Advertising labels and ad-blocker notices.
    Advert,
    /// Copyright, legal and terms lines.
    Legal,
    /// "Read also", "related articles" teasers.
    Related,
    /// Headlines of other articles (short lines near date lines, outside the body).
    OtherHeadline,
    /// A line recurring in many documents of the same site.
    Template,
    /// Text before the article body (masthead, header).
    Header,
    /// Text after the article body (footer).
    Footer,
    /// Image captions and credits.
    Caption,
    /// Author biography boxes.
    AuthorBox,
    /// Comment-form and comment-section headers.
    CommentForm,
    /// Not chosen by the extractor and nothing suggests it is article text.
    NotMain,
}

impl Reason {
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::Menu => "menu",
            Reason::LinkList => "link_list",
            Reason::Date => "date",
            Reason::Share => "share",
            Reason::Subscribe => "subscribe",
            Reason::Login => "login",
            Reason::Cookie => "cookie",
            Reason::Advert => "advert",
            Reason::Legal => "legal",
            Reason::Related => "related",
            Reason::OtherHeadline => "other_headline",
            Reason::Template => "template",
            Reason::Header => "header",
            Reason::Footer => "footer",
            Reason::Caption => "caption",
            Reason::AuthorBox => "author_box",
            Reason::CommentForm => "comment_form",
            Reason::NotMain => "not_main",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Lines that start with these (lower-cased) announce another article.
const RELATED_PREFIXES: &[&str] = &[
    // en
    "read also",
    "read more",
    "also read",
    "see also",
    "related:",
    "related articles",
    "related stories",
    "related news",
    "related posts",
    "more from",
    "more on this",
    "you may also like",
    "you might also like",
    "recommended for you",
    "most read",
    "most popular",
    "latest news",
    "latest stories",
    "trending",
    "continue reading",
    "next article",
    "previous article",
    "next post",
    "previous post",
    // fr
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "lire la suite",
    "voir aussi",
    "sur le même sujet",
    "dans la même rubrique",
    "les plus lus",
    "continuer la lecture",
    "à la une",
    "actu à la une",
    "notre sélection",
    "pour lire la suite",
    "articles similaires",
    "articles liés",
    "articles connexes",
    "nouvelles connexes",
    "en ce moment",
    // de
    "lesen sie auch",
    "lesen sie mehr",
    "auch lesen",
    "auch interessant",
    "schon gelesen",
    "weiterlesen",
    "weitere artikel",
    "weitere themen",
    "weitere aktuelle",
    "weitere informationen zum",
    "neueste artikel",
    "ähnliche artikel",
    "mehr zum thema",
    "mehr zu ",
    "zum weiterlesen",
    "das könnte sie auch",
    "das könnte dich",
    "meistgelesen",
    "kommentierte artikel",
    "verwandte artikel",
    "... weiter zu",
    "weiter zu ",
    "hier geht es zu",
    // es
    "lea también",
    "lea tambien",
    "lea más",
    "lea:",
    "le puede interesar",
    "te puede interesar",
    "también te puede interesar",
    "noticias relacionadas",
    "lo más leído",
    "más noticias",
    "ver también",
    // it
    "leggi anche",
    "potrebbe interessarti",
    "articoli correlati",
    "i più letti",
    // pt
    "leia também",
    "leia mais",
    "veja também",
    "saiba mais",
    "mais lidas",
    // ru
    "читайте также",
    "смотрите также",
    "по теме",
    "популярное",
    // pl
    "czytaj także",
    "czytaj też",
    "zobacz także",
    "zobacz też",
    "przeczytaj też",
    "przeczytaj także",
    // nl
    "lees ook",
    "lees meer",
];

/// Substrings that mark subscribe/newsletter/paywall prompts.
const SUBSCRIBE: &[&str] = &[
    "newsletter",
    "subscribe",
    "s'abonner",
    "abonnez-vous",
    "abonnieren",
    "jetzt abonnieren",
    "suscríbete",
    "suscribete",
    "suscribirse",
    "iscriviti",
    "assine",
    "подписаться",
    "подпишитесь",
    "hazte miembro",
    "unterstütze",
    "soutenez-nous",
    "support us",
    "pour accéder en illimité",
    "get the latest",
    "sign up for",
    "join our",
];

const LOGIN: &[&str] = &[
    "log in",
    "login",
    "sign in",
    "sign up",
    "register",
    "lost password",
    "forgot password",
    "mot de passe oublié",
    "se connecter",
    "connexion",
    "anmelden",
    "einloggen",
    "eingeloggt",
    "registrieren",
    "iniciar sesión",
    "registrarse",
    "accedi",
    "entrar",
    "войти",
    "регистрация",
    "welcome back",
    "zaloguj",
];

const COOKIE: &[&str] = &[
    "cookie",
    "datenschutz",
    "privacy policy",
    "politique de confidentialité",
    "confidentialité",
    "política de privacidad",
    "privacy",
    "rgpd",
    "gdpr",
    "dsgvo",
];

const ADVERT: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "publicité",
    "publicidad",
    "pubblicità",
    "publicidade",
    "anzeige",
    "werbung",
    "реклама",
    "reklama",
    "ad blocker",
    "adblock",
    "bloqueur de publicités",
    "affiliate link",
    "affiliate-link",
    "provision vom händler",
];

const LEGAL: &[&str] = &[
    "©",
    "(c) 20",
    "copyright",
    "all rights reserved",
    "tous droits réservés",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "все права защищены",
    "wszelkie prawa zastrzeżone",
    "chroniony prawem autorskim",
    "terms of use",
    "terms of service",
    "conditions générales",
    "mentions légales",
    "impressum",
    "nutzungsbedingungen",
    "aviso legal",
    "copyrighted property",
    "permission must be obtained",
    "reproduction interdite",
];

const SHARE_WORDS: &[&str] = &[
    "share",
    "partager",
    "teilen",
    "compartir",
    "condividi",
    "compartilhar",
    "поделиться",
    "udostępnij",
    "tweet",
    "facebook",
    "twitter",
    "x (twitter)",
    "linkedin",
    "pinterest",
    "whatsapp",
    "telegram",
    "instagram",
    "youtube",
    "tiktok",
    "vimeo",
    "email",
    "e-mail",
    "print",
    "imprimer",
    "drucken",
    "reddit",
    "flipboard",
    "vk",
    "xing",
    "copy link",
    "mins read",
    "min read",
];

const COMMENT_FORM: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "add a comment",
    "cancel reply",
    "post a comment",
    "laisser un commentaire",
    "ajouter un commentaire",
    "votre adresse e-mail ne sera pas publiée",
    "your email address will not be published",
    "kommentar verfassen",
    "kommentar schreiben",
    "schreibe einen kommentar",
    "keine kommentare",
    "no comments",
    "deja un comentario",
    "lascia un commento",
    "deixe um comentário",
    "оставить комментарий",
    "comments are closed",
    "les commentaires sont fermés",
    "kommentare erscheinen",
    "comments are moderated",
    "reader comments",
    "um kommentare zu schreiben",
    "valora esta noticia",
    "say your words",
];

fn has_any(hay: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| hay.contains(n))
}

/// Counts the words of a line (whitespace separated, with a letter or digit).
pub fn word_count(s: &str) -> usize {
    words_up_to(s, usize::MAX)
}

/// Whether an ASCII byte is whitespace as `char::is_whitespace` says
/// (which, unlike `u8::is_ascii_whitespace`, includes the vertical tab).
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// [`word_count`], stopping once `limit` words are counted (so `>= limit`
/// tests on long lines stop early).
pub fn words_up_to(s: &str, limit: usize) -> usize {
    let mut n = 0;
    // Whether the current word already has a letter or digit.
    let mut counted = false;
    for c in s.chars() {
        if c.is_ascii() {
            if is_ascii_space(c as u8) {
                counted = false;
            } else if !counted && c.is_ascii_alphanumeric() {
                counted = true;
                n += 1;
                if n >= limit {
                    return n;
                }
            }
        } else if c.is_whitespace() {
            counted = false;
        } else if !counted && c.is_alphanumeric() {
            counted = true;
            n += 1;
            if n >= limit {
                return n;
            }
        }
    }
    n
}

/// Classifies a line by its own words. Long lines (running text) are only
/// flagged for strong signals (copyright, ad-blocker and cookie notices).
pub fn phrase_reason(line: &str) -> Option<Reason> {
    let t = line.trim();
    phrase_reason_counted(t, word_count(t))
}

/// Leading characters that do not count in a line's first words.
const LEADERS: [char; 12] = ['>', '»', '›', '→', '-', '–', '—', '•', '*', ' ', '|', '('];

/// [`phrase_reason`] of a trimmed line whose words are already counted.
/// Long lines (running text) are decided without lower-casing them: only a
/// "read also" prefix or a cookie notice can flag them.
pub(crate) fn phrase_reason_counted(t: &str, words: usize) -> Option<Reason> {
    if t.is_empty() {
        return None;
    }
    if words > 40 {
        // Only the start of the line matters for the "read also" prefixes.
        let head: String = t
            .trim_start_matches(LEADERS)
            .chars()
            .take(40)
            .flat_map(char::to_lowercase)
            .collect();
        let related = RELATED_PREFIXES.iter().any(|p| head.starts_with(p));
        // Only the Kelvin sign lower-cases to an ASCII letter of "cookie".
        let cookie = words <= 80 && (contains_ascii_nocase(t, "cookie") || t.contains('\u{212A}'));
        if !related && !cookie {
            return None;
        }
    }
    let lower = t.to_lowercase();
    let lower = lower.trim_start_matches(LEADERS);
    let short = words <= 14;
    let medium = words <= 40;

    if RELATED_PREFIXES.iter().any(|p| lower.starts_with(p)) && (medium || lower.len() < 300) {
        return Some(Reason::Related);
    }
    if medium && has_any(lower, LEGAL) {
        return Some(Reason::Legal);
    }
    if medium && has_any(lower, ADVERT) {
        return Some(Reason::Advert);
    }
    if medium && has_any(lower, COMMENT_FORM) {
        return Some(Reason::CommentForm);
    }
    if lower.contains("cookie") && words <= 80 {
        return Some(Reason::Cookie);
    }
    if short && has_any(lower, COOKIE) {
        return Some(Reason::Cookie);
    }
    if (short || (medium && lower.contains("newsletter"))) && has_any(lower, SUBSCRIBE) {
        return Some(Reason::Subscribe);
    }
    if words <= 8 && has_any(lower, LOGIN) {
        return Some(Reason::Login);
    }
    if words <= 12 && is_share_line(lower) {
        return Some(Reason::Share);
    }
    None
}

/// Whether `hay` contains `needle` (ASCII, lower case) ignoring ASCII case.
fn contains_ascii_nocase(hay: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .any(|w| w.eq_ignore_ascii_case(n))
}

/// A line made only of share/follow words and social network names.
fn is_share_line(lower: &str) -> bool {
    static SORTED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    // Longest names first so "x (twitter)" goes before "twitter".
    let words = SORTED.get_or_init(|| {
        let mut v: Vec<&'static str> = SHARE_WORDS.to_vec();
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        v
    });
    if !words.iter().any(|w| lower.contains(w)) {
        return false;
    }
    let mut rest = lower.to_string();
    let mut hit = false;
    for w in words {
        if rest.contains(w) {
            hit = true;
            rest = rest.replace(w, " ");
        }
    }
    hit && rest.chars().filter(|c| c.is_alphabetic()).count() <= 4
}

/// Whether `marker` (parts joined by `-`) occurs as whole parts of one of the
/// class names in `names` (split on spaces; each name split on `-` and `_`).
fn class_has(names: &str, marker: &str) -> bool {
    let m: Vec<&str> = marker.split('-').collect();
    names.split_whitespace().any(|name| {
        let parts: Vec<&str> = name.split(['-', '_']).filter(|p| !p.is_empty()).collect();
        parts.windows(m.len()).any(|w| w == m.as_slice())
    })
}

/// Lower-cased class/id names that mark furniture containers in HTML,
/// matched as whole parts of class names (`wp-caption-text` has `caption`).
pub fn class_reason(names: &str) -> Option<Reason> {
    const MARKS: &[(&str, Reason)] = &[
        ("breadcrumb", Reason::Menu),
        ("author-bio", Reason::AuthorBox),
        ("authorbox", Reason::AuthorBox),
        ("author-box", Reason::AuthorBox),
        ("post-author", Reason::AuthorBox),
        ("abh", Reason::AuthorBox),
        ("about-author", Reason::AuthorBox),
        ("newsletter", Reason::Subscribe),
        ("paywall", Reason::Subscribe),
        ("subscribe", Reason::Subscribe),
        ("related", Reason::Related),
        ("recommended", Reason::Related),
        ("read-more", Reason::Related),
        ("readmore", Reason::Related),
        ("more-articles", Reason::Related),
        ("next-post", Reason::Related),
        ("nextstory", Reason::Related),
        ("share", Reason::Share),
        ("social", Reason::Share),
        ("cookie", Reason::Cookie),
        ("consent", Reason::Cookie),
        ("wp-caption", Reason::Caption),
        ("caption", Reason::Caption),
        ("figcaption", Reason::Caption),
        ("copyright", Reason::Legal),
        ("disclaimer", Reason::Legal),
        ("licence", Reason::Legal),
        ("license", Reason::Legal),
        ("postmetadata", Reason::Date),
        ("entry-meta", Reason::Date),
        ("comment-respond", Reason::CommentForm),
        ("popup", Reason::Advert),
        ("popmake", Reason::Advert),
        ("modal", Reason::Advert),
        ("comment-rules", Reason::CommentForm),
    ];
    MARKS
        .iter()
        .find(|(m, _)| class_has(names, m))
        .map(|(_, r)| *r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for l in [
            "",
            "  a b  ",
            "-- x --",
            "a\u{b}b\u{a0}c",
            "l’état 12 ( )",
            "日本語 テキスト",
        ] {
            let plain = l
                .split_whitespace()
                .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
                .count();
            assert_eq!(word_count(l), plain, "{l:?}");
        }
        assert_eq!(words_up_to("a b c d e f", 3), 3);
    }

    #[test]
    fn phrases() {
        assert_eq!(
            phrase_reason("Facebook X (Twitter) Instagram"),
            Some(Reason::Share)
        );
        assert_eq!(phrase_reason("Share"), Some(Reason::Share));
        assert_eq!(phrase_reason("Login S'abonner"), Some(Reason::Subscribe));
        assert_eq!(
            phrase_reason("Lesen Sie auch: Der Hafen wird größer"),
            Some(Reason::Related)
        );
        assert_eq!(
            phrase_reason("© 2025 Some Outlet. All rights reserved."),
            Some(Reason::Legal)
        );
        assert_eq!(phrase_reason("Ad Blocker Enabled!"), Some(Reason::Advert));
        assert_eq!(
            phrase_reason("Leave A Reply Cancel Reply"),
            Some(Reason::CommentForm)
        );
        assert_eq!(
            phrase_reason("We use cookies to improve your experience."),
            Some(Reason::Cookie)
        );
        assert_eq!(
            phrase_reason("The minister said the harbour would be enlarged next year, and that the work would begin in spring."),
            None
        );
    }
}
