//! Generates Rust types and validators from Wix's activity and event JSON schemas.
//!
//! A folder of schemas is read by where each file sits and what it says:
//! `activities/<group>/<name>.json` is the `info` of activity type
//! `<group>/<name>`; a file with `"x-wix-handler": "wixEcom_onCartCreated"`
//! is a backend event; any other file is a plain type. Folders become
//! modules (`backend_events/ecom/` → `backend_events::ecom`; an `entities/` folder adds no
//! level), and a `$ref` may name another file of the folder by its relative
//! path (`"$ref": "entities/money.json"`): the type it names is generated
//! once, in the module of the file that defines it.
//!
//! Use it from a build script, in the manner of `prost-build`:
//!
//! ```no_run
//! // build.rs
//! fn main() {
//!     if let Err(error) = wix_activities_build::Config::new().schemas_dir("schemas").generate() {
//!         // Every problem of the folder, one per line.
//!         eprintln!("{error}");
//!         std::process::exit(1);
//!     }
//! }
//! ```
//!
//! and include the result where the types should live:
//!
//! ```ignore
//! pub mod wix {
//!     include!(concat!(env!("OUT_DIR"), "/mod.rs"));
//! }
//! ```
//!
//! The generated code uses the `wix-activities` crate's runtime types
//! (`Number`, `DateTime`, `Decimal`, `Int64`, `Activity`), so depend on it too. The `regenerate`
//! binary does the same from the command line.
//!
//! The pipeline, one module per stage, as `pipeline.rs` runs it:
//!
//! ```ignore
//! let schemas = load::load(schemas_dir)?;          // files → documents, located errors
//! let normalized = normalize::normalize(&schemas)?; // named repair passes, reported
//! let model = model::build(&normalized)?;          // types, names, rules: every decision
//! let rendered = render::files(&model, label, options)?; // the model, printed
//! write::write(out_dir, &rendered.files)?;         // as a whole; unchanged files untouched
//! ```
//!
//! [`load`] → [`normalize`] → [`model`] → [`render`] → [`write`](mod@write);
//! [`naming`], [`pointer`](mod@pointer) and `keywords` (what is done with each JSON
//! Schema keyword and format) are the helpers every stage may use. No stage
//! imports a later one.

#![deny(missing_docs)]
#![allow(
    clippy::needless_doctest_main,
    reason = "the examples are build scripts, whose `main` is the point"
)]

mod config;
mod error;
mod keywords;
pub mod load;
pub mod model;
pub mod naming;
pub mod normalize;
mod pipeline;
pub mod pointer;
pub mod render;
pub mod write;

pub use config::Config;
pub use error::{Error, Result};
pub use load::Leniency;
pub use normalize::Repair;
pub use pipeline::Output;

/// The crate's README, whose examples are tested with the docs.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
