//! The generator in process on the repository's schemas: a full render
//! (what `regenerate` and a build script do before writing) and `--check`
//! (render, then compare with `generated/`).

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use wix_activities_build::Config;

fn config() -> Config {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut config = Config::new();
    config
        .schemas_dir(repo.join("schemas"))
        .out_dir(repo.join("generated/src/types"))
        .json_schemas_file(repo.join("generated/json-schemas.json"))
        .schemars_feature("schemars")
        .emit_rerun_if_changed(false);
    config
}

fn regenerate(c: &mut Criterion) {
    let config = config();
    let (_, drift) = config.check().expect("the repository's schemas render");
    assert!(drift.is_empty(), "generated/ is stale: {drift:?}");
    let mut group = c.benchmark_group("regenerate");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    group.bench_function("render", |b| b.iter(|| config.render().unwrap()));
    group.bench_function("check", |b| b.iter(|| config.check().unwrap()));
    group.finish();
}

criterion_group!(benches, regenerate);
criterion_main!(benches);
