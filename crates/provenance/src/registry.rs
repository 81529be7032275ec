//! The outlet registry: outlets with their aliases, domains, country and
//! kind, loaded from TOML or CSV or taken from a small built-in list of wire
//! agencies, and the matching of documents to outlets by series, site name
//! or URL domain (case and accents folded).
//!
//! TOML (see `outlets.example.toml` next to this crate's manifest):
//!
//! ```toml
//! [[outlet]]
//! name = "Le Héraut de Valmora"
//! aliases = ["Héraut"]
//! domains = ["heraut-valmora.example"]
//! country = "VL"
//! kind = "state-affiliated"   # wire, state-affiliated, public, independent, other
//! ```
//!
//! CSV, with a header naming the columns (only `name` is required; lists
//! separated by `;` or `|`; `#` starts a comment line):
//!
//! ```text
//! name,aliases,domains,country,kind
//! "Le Héraut de Valmora",Héraut,heraut-valmora.example,VL,state-affiliated
//! ```
//!
//! A document whose series, site or domain matches no entry gets an
//! implicit outlet named after its series (or site, or domain), so copies
//! between unregistered outlets are still attributed by name.

use std::collections::HashMap;
use std::path::Path;

use echotrace_core::normalise::folded;
use serde::{Deserialize, Serialize};

/// What kind of outlet it is.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum OutletKind {
    Wire,
    StateAffiliated,
    Public,
    Independent,
    #[default]
    Other,
}

impl OutletKind {
    /// Parses `wire`, `wire agency`, `state-affiliated`, `state`, `public`,
    /// `independent`, `other` (case-insensitive, `_`/`-`/space alike).
    pub fn parse(s: &str) -> Option<OutletKind> {
        let k = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Some(match k.as_str() {
            "wire" | "wire-agency" | "agency" | "news-agency" => OutletKind::Wire,
            "state-affiliated" | "state" | "state-media" => OutletKind::StateAffiliated,
            "public" | "public-service" => OutletKind::Public,
            "independent" => OutletKind::Independent,
            "other" | "" => OutletKind::Other,
            _ => return None,
        })
    }
}

/// One outlet of the registry.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Outlet {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Web domains (`example.org`; subdomains match too).
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub kind: OutletKind,
}

/// A registry file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("cannot read outlet registry {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("outlet registry {path}: {message}")]
    Parse { path: String, message: String },
    #[error("outlet registry {path}: unknown format (expected a .toml or .csv file)")]
    UnknownFormat { path: String },
}

/// The outlets known by name.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Registry {
    #[serde(default, rename = "outlet")]
    pub outlets: Vec<Outlet>,
}

fn wire(name: &str, aliases: &[&str], domains: &[&str], country: &str) -> Outlet {
    Outlet {
        name: name.to_string(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        domains: domains.iter().map(|s| s.to_string()).collect(),
        country: Some(country.to_string()),
        kind: OutletKind::Wire,
    }
}

impl Registry {
    /// The built-in list of major wire agencies.
    pub fn builtin() -> Registry {
        Registry {
            outlets: vec![
                wire(
                    "AFP",
                    &["Agence France-Presse", "Agence France Presse"],
                    &["afp.com"],
                    "FR",
                ),
                wire("Reuters", &["Thomson Reuters"], &["reuters.com"], "GB"),
                wire(
                    "AP",
                    &["Associated Press", "The Associated Press"],
                    &["apnews.com", "ap.org"],
                    "US",
                ),
                wire("dpa", &["Deutsche Presse-Agentur"], &["dpa.com"], "DE"),
                wire("EFE", &["Agencia EFE"], &["efe.com"], "ES"),
                wire("ANSA", &["Agenzia ANSA"], &["ansa.it"], "IT"),
                wire(
                    "TASS",
                    &["Tass", "ITAR-TASS"],
                    &["tass.ru", "tass.com"],
                    "RU",
                ),
                wire("RIA Novosti", &["RIA", "Ria Novosti"], &["ria.ru"], "RU"),
                wire("Interfax", &[], &["interfax.ru", "interfax.com"], "RU"),
                wire(
                    "Xinhua",
                    &["Chine nouvelle", "Xinhua News Agency"],
                    &["xinhuanet.com", "news.cn"],
                    "CN",
                ),
                wire(
                    "Anadolu",
                    &["Anadolu Agency", "Agence Anadolu", "AA"],
                    &["aa.com.tr"],
                    "TR",
                ),
                wire("Kyodo", &["Kyodo News"], &["kyodonews.net"], "JP"),
                wire("Belga", &["Agence Belga"], &["belga.be"], "BE"),
                wire(
                    "Keystone-ATS",
                    &["ATS", "Keystone-SDA", "SDA"],
                    &["keystone-sda.ch"],
                    "CH",
                ),
                wire("PAP", &["Polska Agencja Prasowa"], &["pap.pl"], "PL"),
                wire("ANP", &[], &["anp.nl"], "NL"),
                wire("APA", &["Austria Presse Agentur"], &["apa.at"], "AT"),
                wire("Yonhap", &[], &["yna.co.kr"], "KR"),
                wire("PTI", &["Press Trust of India"], &["ptinews.com"], "IN"),
                wire("UPI", &["United Press International"], &["upi.com"], "US"),
                wire("MAP", &["Maghreb Arabe Presse"], &["mapexpress.ma"], "MA"),
                wire("APS", &["Algérie Presse Service"], &["aps.dz"], "DZ"),
            ],
        }
    }

    /// Parses a TOML registry: `[[outlet]]` tables with `name`, `aliases`,
    /// `domains`, `country`, `kind`.
    pub fn from_toml_str(s: &str) -> Result<Registry, String> {
        let r: Registry = toml::from_str(s).map_err(|e| e.to_string())?;
        for (i, o) in r.outlets.iter().enumerate() {
            if o.name.trim().is_empty() {
                return Err(format!("outlet {} has an empty name", i + 1));
            }
        }
        Ok(r)
    }

    /// Parses a CSV registry with a header line naming the columns `name`
    /// (required), `aliases`, `domains` (several values separated by `;` or
    /// `|`), `country`, `kind`. Fields may be double-quoted (`""` inside a
    /// quoted field is a quote). Blank lines and lines starting with `#`
    /// are skipped. Errors name the line.
    pub fn from_csv_str(s: &str) -> Result<Registry, String> {
        let mut header: Option<Vec<String>> = None;
        let mut outlets = Vec::new();
        for (ln, line) in s.lines().enumerate() {
            let ln = ln + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let fields = split_csv(line).map_err(|m| format!("line {ln}: {m}"))?;
            let Some(h) = &header else {
                let h: Vec<String> = fields
                    .iter()
                    .map(|f| f.trim().to_ascii_lowercase())
                    .collect();
                for f in &h {
                    if !["name", "aliases", "domains", "country", "kind"].contains(&f.as_str()) {
                        return Err(format!(
                            "line {ln}: unknown column {f:?} (expected name, aliases, domains, country, kind)"
                        ));
                    }
                }
                if !h.iter().any(|f| f == "name") {
                    return Err(format!("line {ln}: the header has no `name` column"));
                }
                header = Some(h);
                continue;
            };
            if fields.len() != h.len() {
                return Err(format!(
                    "line {ln}: expected {} fields, found {}",
                    h.len(),
                    fields.len()
                ));
            }
            let mut o = Outlet {
                name: String::new(),
                aliases: Vec::new(),
                domains: Vec::new(),
                country: None,
                kind: OutletKind::Other,
            };
            let list = |v: &str| -> Vec<String> {
                v.split([';', '|'])
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            for (col, v) in h.iter().zip(&fields) {
                let v = v.trim();
                match col.as_str() {
                    "name" => o.name = v.to_string(),
                    "aliases" => o.aliases = list(v),
                    "domains" => o.domains = list(v),
                    "country" => o.country = (!v.is_empty()).then(|| v.to_string()),
                    _ => {
                        o.kind = OutletKind::parse(v).ok_or_else(|| {
                            format!("line {ln}: unknown kind {v:?} (expected wire, state-affiliated, public, independent or other)")
                        })?
                    }
                }
            }
            if o.name.is_empty() {
                return Err(format!("line {ln}: empty outlet name"));
            }
            outlets.push(o);
        }
        Ok(Registry { outlets })
    }

    /// Loads a `.toml` or `.csv` registry file.
    pub fn load(path: &Path) -> Result<Registry, RegistryError> {
        let p = path.display().to_string();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if ext != "toml" && ext != "csv" {
            return Err(RegistryError::UnknownFormat { path: p });
        }
        let text = std::fs::read_to_string(path).map_err(|source| RegistryError::Io {
            path: p.clone(),
            source,
        })?;
        let r = if ext == "toml" {
            Registry::from_toml_str(&text)
        } else {
            Registry::from_csv_str(&text)
        };
        r.map_err(|message| RegistryError::Parse { path: p, message })
    }

    /// This registry with `other`'s outlets added; an outlet of `other` with
    /// the same (folded) name replaces the existing one.
    pub fn merged(mut self, other: Registry) -> Registry {
        for o in other.outlets {
            let key = folded(&o.name);
            match self.outlets.iter_mut().find(|x| folded(&x.name) == key) {
                Some(x) => *x = o,
                None => self.outlets.push(o),
            }
        }
        self
    }
}

/// Splits one CSV line into fields.
fn split_csv(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut was_quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cur.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == ',' {
            out.push(std::mem::take(&mut cur));
            was_quoted = false;
        } else if c == '"' && cur.trim().is_empty() && !was_quoted {
            cur.clear();
            quoted = true;
            was_quoted = true;
        } else if c == '"' {
            return Err("stray double quote inside an unquoted field".to_string());
        } else {
            cur.push(c);
        }
    }
    if quoted {
        return Err("unterminated quoted field".to_string());
    }
    out.push(cur);
    Ok(out)
}

/// An outlet as used in the results: from the registry, or implicit (named
/// only by the series, site or domain of some documents).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct OutletInfo {
    pub name: String,
    pub kind: OutletKind,
    pub country: Option<String>,
    /// True when the outlet comes from the registry.
    pub registered: bool,
    pub aliases: Vec<String>,
    pub domains: Vec<String>,
}

/// Host of a URL (`https://www.x.org/a` → `x.org`), lower-cased, without
/// `www.` and port.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .unwrap_or(&host)
        .trim_end_matches('.');
    (host.contains('.') && !host.is_empty()).then(|| host.to_string())
}

/// The outlets of a corpus: the registry's, plus implicit ones for documents
/// whose series/site/domain matches no registry entry.
#[derive(Clone, Debug, Default)]
pub struct OutletTable {
    pub outlets: Vec<OutletInfo>,
    by_name: HashMap<String, usize>,
    by_domain: HashMap<String, usize>,
}

impl OutletTable {
    /// Table of the registry's outlets (first entry wins on a clash).
    pub fn new(registry: &Registry) -> OutletTable {
        let mut t = OutletTable::default();
        for o in &registry.outlets {
            let id = t.outlets.len();
            t.outlets.push(OutletInfo {
                name: o.name.clone(),
                kind: o.kind,
                country: o.country.clone(),
                registered: true,
                aliases: o.aliases.clone(),
                domains: o.domains.clone(),
            });
            for n in std::iter::once(&o.name).chain(&o.aliases) {
                let k = folded(n);
                if !k.is_empty() {
                    t.by_name.entry(k).or_insert(id);
                }
            }
            for d in &o.domains {
                if let Some(h) = url_host(d).or_else(|| Some(d.trim().to_ascii_lowercase())) {
                    t.by_domain.entry(h).or_insert(id);
                }
            }
        }
        t
    }

    fn find_domain(&self, host: &str) -> Option<usize> {
        let mut h = host;
        loop {
            if let Some(&id) = self.by_domain.get(h) {
                return Some(id);
            }
            h = h.split_once('.')?.1;
            if !h.contains('.') {
                return None;
            }
        }
    }

    /// The outlet of a document, adding an implicit outlet when needed.
    pub fn outlet_of(
        &mut self,
        series: Option<&str>,
        site: Option<&str>,
        url: Option<&str>,
    ) -> Option<usize> {
        let names: Vec<String> = [series, site]
            .into_iter()
            .flatten()
            .map(folded)
            .filter(|k| !k.is_empty())
            .collect();
        let host = url.and_then(url_host);
        for k in &names {
            if let Some(&id) = self.by_name.get(k) {
                return Some(id);
            }
        }
        if let Some(id) = host.as_deref().and_then(|h| self.find_domain(h)) {
            return Some(id);
        }
        // Implicit outlet named by the series (or site, or domain).
        let (key, display) = match (names.first(), &host) {
            (Some(k), _) => (k.clone(), series.or(site).unwrap_or_default().to_string()),
            (None, Some(h)) => (folded(h), h.clone()),
            (None, None) => return None,
        };
        if let Some(&id) = self.by_name.get(&key) {
            return Some(id);
        }
        let id = self.outlets.len();
        self.outlets.push(OutletInfo {
            name: display,
            kind: OutletKind::Other,
            country: None,
            registered: false,
            aliases: Vec::new(),
            domains: host.iter().cloned().collect(),
        });
        self.by_name.insert(key, id);
        if let Some(h) = host {
            self.by_domain.entry(h).or_insert(id);
        }
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_and_csv_load_the_same_outlets() {
        let t = Registry::from_toml_str(
            r#"
[[outlet]]
name = "Le Héraut de Valmora"
aliases = ["Héraut"]
domains = ["heraut-valmora.example"]
country = "VL"
kind = "state-affiliated"
"#,
        )
        .unwrap();
        let c = Registry::from_csv_str(
            "# our outlets\nname,aliases,domains,country,kind\n\"Le Héraut de Valmora\",Héraut,heraut-valmora.example,VL,state affiliated\n",
        )
        .unwrap();
        assert_eq!(t, c);
        assert_eq!(t.outlets[0].kind, OutletKind::StateAffiliated);
    }

    #[test]
    fn malformed_registries_name_the_line() {
        let e = Registry::from_csv_str("name,kind\nA,wire\nB,tabloid\n").unwrap_err();
        assert!(e.starts_with("line 3:") && e.contains("tabloid"), "{e}");
        let e = Registry::from_csv_str("name,kind\nA\n").unwrap_err();
        assert!(e.starts_with("line 2:"), "{e}");
        let e = Registry::from_csv_str("name,kind\n\"A,wire\n").unwrap_err();
        assert!(e.contains("unterminated"), "{e}");
        let e = Registry::from_toml_str("[[outlet]]\nname = \"A\"\nkind = 3\n").unwrap_err();
        assert!(e.contains("line 3"), "{e}");
        assert!(Registry::from_toml_str("[[outlet]]\nname = \" \"\n").is_err());
    }

    #[test]
    fn documents_match_by_series_site_or_domain() {
        let mut t = OutletTable::new(&Registry::builtin().merged(Registry {
            outlets: vec![Outlet {
                name: "Le Héraut de Valmora".into(),
                aliases: vec![],
                domains: vec!["heraut-valmora.example".into()],
                country: None,
                kind: OutletKind::Public,
            }],
        }));
        let h = t
            .outlet_of(Some("le-heraut-de-valmora"), None, None)
            .unwrap();
        assert_eq!(t.outlets[h].name, "Le Héraut de Valmora");
        assert_eq!(
            t.outlet_of(None, Some("LE HÉRAUT DE VALMORA"), None),
            Some(h)
        );
        assert_eq!(
            t.outlet_of(
                None,
                None,
                Some("https://www.news.heraut-valmora.example/a/1")
            ),
            Some(h)
        );
        let afp = t
            .outlet_of(Some("Agence France-Presse"), None, None)
            .unwrap();
        assert_eq!(t.outlets[afp].name, "AFP");
        let x = t.outlet_of(Some("Gazette of Orlen"), None, None).unwrap();
        assert!(!t.outlets[x].registered);
        assert_eq!(t.outlet_of(Some("gazette-of-orlen"), None, None), Some(x));
        assert_eq!(t.outlet_of(None, None, None), None);
        assert_eq!(
            url_host("http://user@WWW.Ex.org:8080/x?y"),
            Some("ex.org".into())
        );
    }
}
