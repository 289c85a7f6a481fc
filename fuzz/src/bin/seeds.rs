//! Writes the seed corpora from the repository's fixtures:
//! `cargo run --bin seeds` (from `fuzz/`) fills `corpus/<target>/`.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

fn files(folder: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, found);
        } else if path.extension().is_some_and(|e| e == "json") {
            found.push(path);
        }
    }
    found.sort();
}

fn write(target: &str, index: usize, bytes: &[u8]) {
    let folder = Path::new("corpus").join(target);
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join(format!("seed-{index:04}")), bytes).unwrap();
}

fn main() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut activities = Vec::new();
    for kind in ["examples", "complete"] {
        files(&fixtures.join(kind), &mut activities);
    }
    let types = wix_activities_fuzz::activity_types();
    for (index, path) in activities.iter().enumerate() {
        let text = fs::read(path).unwrap();
        write("activity", index, &text);
        write("round_trip", index, &text);
        if let Ok(value) = serde_json::from_slice::<Value>(&text) {
            let info = serde_json::to_vec(&value["info"]).unwrap();
            let wire = value["type"].as_str().unwrap_or_default();
            let pick = types.iter().position(|t| t.as_str() == wire).unwrap_or(0);
            write("validate", index, &[&[pick as u8][..], &info].concat());
        }
    }
    let names = wix_activities_fuzz::event_names();
    let mut events = Vec::new();
    files(&fixtures.join("backend_events"), &mut events);
    files(&fixtures.join("sdk/bodies"), &mut events);
    for (index, path) in events.iter().enumerate() {
        let text = fs::read(path).unwrap();
        // A fixture is named by its event (`cart-created.json` for `wixEcom_onCartCreated`).
        let stem = path.file_stem().unwrap().to_string_lossy();
        let event: String = stem
            .split('.')
            .next()
            .unwrap_or_default()
            .split('-')
            .map(|word| word[..1].to_uppercase() + &word[1..])
            .collect();
        let pick = names
            .iter()
            .position(|n| n.ends_with(&format!("_on{event}")))
            .unwrap_or(index % names.len());
        write("event", index, &[&[pick as u8][..], &text].concat());
        if let Some(event_type) = names.get(pick + 1).filter(|n| n.starts_with("wix.")) {
            let payload = json!({"data": json!({
                "eventType": event_type,
                "instanceId": "a1",
                "data": json!({"entityId": "e1", "createdEvent": {"entityAsJson": String::from_utf8_lossy(&text)}}).to_string(),
            }).to_string()});
            write(
                "webhook",
                index,
                &[&[0u8][..], payload.to_string().as_bytes()].concat(),
            );
        }
    }
}
