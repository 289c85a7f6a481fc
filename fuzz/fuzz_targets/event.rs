//! A backend event's body from arbitrary bytes, by handler name and by
//! event type (the first byte picks the name): `Event` and
//! `validate::event_json` agree, and an event read is written back whole.
#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target};
use wix_activities_fuzz::{mutate, Target};

fuzz_target!(|data: &[u8]| Target::Event.run(data));

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    mutate::mutate_after_pick(data, size, max_size, seed)
});
