//! The reference build-script integration: generate the types from `schemas/`,
//! exactly as the checked-in `wix-activities` crate is generated; and the
//! types of the standard JSON Schema corpus the tests check against an
//! independent validator (`tests/fixtures/standard/`).

use std::path::PathBuf;

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let generated = wix_activities_build::Config::new()
        .schemas_dir("schemas")
        .schemars_feature("schemars")
        .generate()
        .and_then(|_| {
            wix_activities_build::Config::new()
                .schemas_dir("tests/fixtures/standard/schemas")
                .out_dir(out_dir.join("standard"))
                .generate()
        });
    if let Err(error) = generated {
        // Display: every problem of the folder, one per line.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
