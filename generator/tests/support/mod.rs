//! What the tests that render a folder of schema files share.
#![allow(dead_code, reason = "each test uses part of it")]

use wix_activities_build::{Config, Error, Output};

/// Renders a folder holding `files` (relative path → text), writing nothing.
pub fn try_render(files: &[(&str, &str)]) -> Result<Output, Error> {
    try_render_with(files, &mut Config::new())
}

/// [`try_render`] with `config` (whose schema folder it sets).
pub fn try_render_with(files: &[(&str, &str)], config: &mut Config) -> Result<Output, Error> {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    config.schemas_dir(dir.path()).render()
}

/// Renders a folder holding `files` that must render.
pub fn render(files: &[(&str, &str)]) -> Output {
    try_render(files).unwrap()
}
