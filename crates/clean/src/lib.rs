//! Cleaning stage: turns text dumps, HTML pages and WARC records into clean
//! article records (body, comments, removed furniture, metadata).
