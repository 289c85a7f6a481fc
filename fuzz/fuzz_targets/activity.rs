//! An activity envelope from arbitrary bytes: the typed read, the raw walk
//! and `validate::activity_json` agree, and nothing panics.
#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target};
use wix_activities_fuzz::{mutate, Target};

fuzz_target!(|data: &[u8]| Target::Activity.run(data));

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    mutate::mutate(data, size, max_size, seed)
});
