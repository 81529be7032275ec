//! echotrace-store
