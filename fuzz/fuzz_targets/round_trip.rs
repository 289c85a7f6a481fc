//! An activity read from arbitrary bytes is written back as something that
//! reads to the same value, and that writes the same bytes again.
#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target};
use wix_activities_fuzz::{mutate, Target};

fuzz_target!(|data: &[u8]| Target::RoundTrip.run(data));

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    mutate::mutate(data, size, max_size, seed)
});
