//! echotrace-eval (being written)
