//! Guides, with examples that are tested: posting every group's activities.

#[doc = include_str!("../docs/posting.md")]
pub mod posting {}
