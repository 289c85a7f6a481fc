//! The reference build-script integration: generate the types from `schemas/`,
//! exactly as the checked-in `wix-activities` crate is generated.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    wix_activities_build::Config::new()
        .schemas_dir("schemas")
        .schemars_feature("schemars")
        .generate()?;
    Ok(())
}
