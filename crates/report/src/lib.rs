//! Self-contained HTML report for echotrace.
