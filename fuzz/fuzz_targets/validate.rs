//! The `info` of every activity type from arbitrary bytes, raw
//! (`validate::info_bytes`) and typed; the first byte picks the type.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::{fuzz_mutator, fuzz_target};
use wix_activities::ActivityType;

fn types() -> &'static [ActivityType] {
    static TYPES: OnceLock<Vec<ActivityType>> = OnceLock::new();
    TYPES.get_or_init(wix_activities_fuzz::activity_types)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let types = types();
    wix_activities_fuzz::info(&types[usize::from(pick) % types.len()], body);
});

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    // The type byte stays; the body is mutated as JSON.
    if size < 2 {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    if seed % 8 == 0 {
        data[0] = data[0].wrapping_add(seed as u8 | 1);
    }
    1 + wix_activities_fuzz::mutate::mutate(&mut data[1..], size - 1, max_size - 1, seed)
});
