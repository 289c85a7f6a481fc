//! An activity envelope from arbitrary bytes: the typed read, the raw walk
//! and `validate::activity_json` agree, and nothing panics.
#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target};

fuzz_target!(|data: &[u8]| wix_activities_fuzz::activity(data));

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    wix_activities_fuzz::mutate::mutate(data, size, max_size, seed)
});
