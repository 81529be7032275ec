//! Provenance for echotrace: source choice, copy trees, attribution of copies, outlet registry.
