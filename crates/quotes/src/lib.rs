//! Quote extraction, speaker attribution and cross-document quote linking for echotrace.
