//! Self-contained HTML report for echotrace: one file, inline CSS and JS, no
//! network access, every piece of article text escaped.
//!
//! Fill a [`ReportData`] and call [`render_html`]. The overview and the outlet
//! tables are static HTML; clusters, quotes, stories and narratives are
//! embedded as JSON and rendered a page at a time by the inline script, with
//! cluster details built only when opened, so 10,000 clusters stay readable.

pub mod dates;
pub mod diff;
pub mod escape;
pub mod model;
mod render;
mod view;

pub use model::*;
pub use render::{render_html, render_html_with};
pub use view::{cluster_order, RenderOptions};
