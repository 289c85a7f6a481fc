//! The reference build-script integration: generate the types from `schemas/`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    wix_activities_build::Config::new()
        .schemas_dir("schemas")
        .generate()?;
    Ok(())
}
