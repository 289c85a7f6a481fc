//! A structure-aware mutator: most of the time the input is read as JSON,
//! one value in it is replaced by one of the hostile shapes below, and the
//! result is written back (with a textual touch for what `Value` cannot
//! hold: a repeated key, a number's own spelling, a lone surrogate, bytes
//! that are not UTF-8); otherwise libFuzzer's own byte mutations run.

use serde_json::{Map, Value};

/// A small deterministic generator, seeded by libFuzzer.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Number spellings serde_json's `Value` would not keep, and strings it refuses.
const TEXTS: &[&str] = &[
    "1e400",
    "-1e400",
    "1e-400",
    "-0",
    "-0.0",
    "1.50",
    "1E2",
    "95.0",
    "123456789012345678901234567890",
    "18446744073709551616",
    "-9223372036854775809",
    "\"\\ud800\"",
    "\"\\udc00x\"",
    "\"12\"",
    "\" 1.50 \"",
    "\"\"",
    "\"2026-13-01T00:00:00Z\"",
    "\"USD\"",
];

fn hostile(rng: &mut Rng, original: &Value) -> Value {
    match rng.below(12) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => Value::Array(vec![]),
        3 => Value::Object(Map::new()),
        4 => Value::String(String::new()),
        5 => Value::from(rng.next() as i64),
        6 => Value::from((rng.next() as f64) / 7.0),
        // The same value in another kind: a number as text, text as a list.
        7 => Value::String(original.to_string()),
        8 => Value::Array(vec![original.clone()]),
        9 => {
            let mut deep = original.clone();
            for _ in 0..rng.below(140) {
                deep = Value::Array(vec![deep]);
            }
            deep
        }
        10 => Value::String("x".repeat(rng.below(300))),
        _ => Value::from(rng.below(3) as i64 - 1),
    }
}

/// Every value in `value`, depth first, counted.
fn count(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(map) => map.values().map(count).sum(),
        _ => 0,
    }
}

/// Calls `f` on the `index`th value in `value`, depth first.
fn at_nth(value: &mut Value, index: &mut usize, f: &mut dyn FnMut(&mut Value)) -> bool {
    if *index == 0 {
        f(value);
        return true;
    }
    *index -= 1;
    match value {
        Value::Array(items) => items.iter_mut().any(|item| at_nth(item, index, f)),
        Value::Object(map) => map.values_mut().any(|item| at_nth(item, index, f)),
        _ => false,
    }
}

/// Mutates `data[..size]` in place, within `max_size`; returns the new size.
pub fn mutate(data: &mut [u8], size: usize, max_size: usize, seed: u32) -> usize {
    let mut rng = Rng(u64::from(seed) | 1 << 40);
    let Ok(mut value) = serde_json::from_slice::<Value>(&data[..size]) else {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    };
    if rng.below(4) == 0 {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    let total = count(&value);
    let mut index = rng.below(total);
    at_nth(&mut value, &mut index, &mut |target| match rng.below(4) {
        0 => {
            if let Value::Object(map) = target {
                let keys: Vec<String> = map.keys().cloned().collect();
                if !keys.is_empty() {
                    map.remove(&keys[rng.below(keys.len())]);
                }
            }
        }
        _ => *target = hostile(&mut rng, target),
    });
    let mut text = serde_json::to_string(&value).unwrap_or_default();
    match rng.below(5) {
        // A number or string as serde_json would not write it.
        0 => splice(&mut text, TEXTS[rng.below(TEXTS.len())], &mut rng),
        // A key sent twice: its member repeated right after itself.
        1 => repeat_member(&mut text, &mut rng),
        _ => {}
    }
    let mut bytes = text.into_bytes();
    if rng.below(16) == 0 && !bytes.is_empty() {
        let at = rng.below(bytes.len());
        bytes[at] = 0xff;
    }
    if bytes.len() > max_size {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    data[..bytes.len()].copy_from_slice(&bytes);
    bytes.len()
}

/// For a target whose first byte picks what the rest is read as: that byte
/// stays (or, one time in eight, moves on), and the rest is mutated as JSON.
pub fn mutate_after_pick(data: &mut [u8], size: usize, max_size: usize, seed: u32) -> usize {
    if size < 2 {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    if seed.is_multiple_of(8) {
        data[0] = data[0].wrapping_add(seed as u8 | 1);
    }
    1 + mutate(&mut data[1..], size - 1, max_size - 1, seed)
}

/// Replaces a scalar after a random `:` with `replacement`.
fn splice(text: &mut String, replacement: &str, rng: &mut Rng) {
    let colons: Vec<usize> = text.match_indices(':').map(|(i, _)| i).collect();
    if colons.is_empty() {
        return;
    }
    let start = colons[rng.below(colons.len())] + 1;
    let rest = &text[start..];
    if rest.starts_with(['{', '[']) {
        return;
    }
    let end = if let Some(string) = rest.strip_prefix('"') {
        match string.find('"') {
            Some(i) => start + i + 2,
            None => return,
        }
    } else {
        start + rest.find([',', '}', ']']).unwrap_or(rest.len())
    };
    text.replace_range(start..end, replacement);
}

/// Repeats the member `"key":scalar` after a random `{` or `,` once more.
fn repeat_member(text: &mut String, rng: &mut Rng) {
    let starts: Vec<usize> = text
        .match_indices(['{', ','])
        .map(|(i, _)| i + 1)
        .filter(|&i| text[i..].starts_with('"'))
        .collect();
    if starts.is_empty() {
        return;
    }
    let start = starts[rng.below(starts.len())];
    let rest = &text[start..];
    // The member ends where its value does; only scalars and flat objects.
    let Some(colon) = rest.find("\":") else {
        return;
    };
    let value_start = colon + 2;
    let value_end = match rest[value_start..].chars().next() {
        Some('{') => rest[value_start..].find('}').map(|i| value_start + i + 1),
        Some('[') => rest[value_start..].find(']').map(|i| value_start + i + 1),
        Some('"') => rest[value_start + 1..]
            .find('"')
            .map(|i| value_start + i + 2),
        Some(_) => Some(
            value_start
                + rest[value_start..]
                    .find([',', '}', ']'])
                    .unwrap_or(rest.len() - value_start),
        ),
        None => None,
    };
    if let Some(end) = value_end {
        let member = rest[..end].to_owned();
        text.insert_str(start + end, &format!(",{member}"));
    }
}
