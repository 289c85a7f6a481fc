//! Snapshots of what each schema produces, named after the schema: the Rust
//! of the types first found in it, and the repairs made to it. Any change to
//! the generated code or to the normalization shows up here in review.

use std::path::Path;

use wix_activities_build::{Config, Output};

fn render() -> Output {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let mut config = Config::new();
    config.schemas_dir(&schemas).schemars_feature("schemars");
    config.render().expect("the repository's schemas render")
}

fn relative(path: &Path) -> String {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    path.strip_prefix(&schemas)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn rust() {
    let output = render();
    insta::glob!("../schemas", "**/*.json", |path| {
        let name = relative(path);
        if name == "catalogue.json" {
            return;
        }
        let rust = output
            .by_schema
            .get(&name)
            .unwrap_or_else(|| panic!("{name} produced no type"));
        insta::assert_snapshot!(rust);
    });
}

#[test]
fn repairs() {
    let output = render();
    insta::glob!("../schemas", "**/*.json", |path| {
        let name = relative(path);
        if name == "catalogue.json" {
            return;
        }
        let lines: Vec<String> = output
            .repairs
            .iter()
            .filter(|r| r.file == name)
            .map(|r| r.to_string())
            .collect();
        insta::assert_snapshot!(lines.join("\n"));
    });
}
