//! echotrace-ingest (being written)
