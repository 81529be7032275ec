//! Stories (same event), narratives (same claim across events, years and languages) and claim matching for echotrace.
