//! A backend event's body from arbitrary bytes, by handler name and by
//! event type (the first byte picks the name): `Event` and
//! `validate::event_json` agree, and an event read is written back whole.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::{fuzz_mutator, fuzz_target};

fn names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(wix_activities_fuzz::event_names)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let names = names();
    wix_activities_fuzz::event(&names[usize::from(pick) % names.len()], body);
});

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    if size < 2 {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    if seed % 8 == 0 {
        data[0] = data[0].wrapping_add(seed as u8 | 1);
    }
    1 + wix_activities_fuzz::mutate::mutate(&mut data[1..], size - 1, max_size - 1, seed)
});
