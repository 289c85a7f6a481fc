//! The reference build-script integration: generate the types from `schemas/`,
//! exactly as the checked-in `wix-activities` crate is generated.

fn main() {
    let generated = wix_activities_build::Config::new()
        .schemas_dir("schemas")
        .schemars_feature("schemars")
        .generate();
    if let Err(error) = generated {
        // Display: every problem of the folder, one per line.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
