//! Self-contained HTML report for echotrace: one file, inline CSS and JS, no
//! network access, every piece of article text escaped.
//!
//! Fill a [`ReportData`] (plain serde records: the overview counts, clusters
//! with passages, copy-tree edges and aligned pairs, the outlet and source
//! tables, and optionally quotes, stories and narratives) and call
//! [`render_html`]. The overview and the outlet tables are static HTML;
//! clusters, quotes, stories and narratives are embedded as JSON and shown a
//! page at a time by the inline script, each cluster's details built only
//! when opened, so 10,000 clusters stay readable. A content security policy
//! allows only the report's own two scripts (by hash) and no network access.
//!
//! ```
//! use echotrace_report::{render_html, Cluster, Passage, ReportData};
//! let data = ReportData {
//!     clusters: vec![Cluster {
//!         id: 0,
//!         passages: vec![Passage { uid: 1, doc_id: "a".into(), text: "<b>x</b>".into(), ..Default::default() }],
//!         ..Default::default()
//!     }],
//!     ..Default::default()
//! };
//! let html = render_html(&data);
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains("\\u003cb\\u003ex\\u003c/b\\u003e")); // article text never as markup
//! ```

pub mod dates;
pub mod diff;
pub mod escape;
pub mod model;
mod render;
mod view;

pub use model::*;
pub use render::{render_html, render_html_with};
pub use view::{cluster_order, RenderOptions};
