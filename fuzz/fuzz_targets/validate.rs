//! The `info` of every activity type from arbitrary bytes, raw
//! (`validate::info_bytes`) and typed; the first byte picks the type.
#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target};
use wix_activities_fuzz::{mutate, Target};

fuzz_target!(|data: &[u8]| Target::Validate.run(data));

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    mutate::mutate_after_pick(data, size, max_size, seed)
});
