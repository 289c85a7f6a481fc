//! The fuzz targets' promises (`promises.rs`, shared with the property
//! tests) and the JSON-aware mutator they share (`mutate.rs`).

use serde_json::Value;

pub mod mutate;
mod promises;

pub use promises::*;

/// Whether `bytes` read as JSON (for the mutator, which works on values).
pub fn is_json(bytes: &[u8]) -> bool {
    serde_json::from_slice::<Value>(bytes).is_ok()
}
