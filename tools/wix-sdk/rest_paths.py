#!/usr/bin/env python3
"""Writes `x-wix-rest-paths` into each event schema (`schemas/backend_events/`):
where Wix's REST form of the event (what a webhook carries) sends another
shape than its SDK form, as the pinned SDK packages transform them
(`tests/fixtures/sdk/transformations.json`, made by `extract.js`).

Images, page URLs and addresses are listed, as JSON pointers into the SDK
form (`*` for every item of an array); timestamps and floats are the same
JSON in both forms, and a path the SDK's transformation never reaches (one
without a pointer) is left out. Deterministic: the same extraction gives
the same bytes.

    python3 tools/wix-sdk/rest_paths.py
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
SDK = ROOT / "tests/fixtures/sdk"
KINDS = {
    "transformRESTImageToSDKImage": "image",
    "transformRESTPageURLV2ToSDKPageURLV2": "page-url",
    "transformRESTAddressToSDKAddress": "address",
}
KEY = "x-wix-rest-paths"


def main():
    events = json.loads((SDK / "events.json").read_text())["events"]
    schemas = {e["handler"]: ROOT / e["schema"] for e in events}
    transformations = json.loads((SDK / "transformations.json").read_text())["events"]
    paths = {}
    for event in transformations:
        for path in event["paths"]:
            kind = KINDS.get(path["transformFn"])
            if kind and path.get("sdkPointer"):
                paths.setdefault(event["handler"], {}).setdefault(kind, set()).add(path["sdkPointer"])
    written = 0
    for handler, file in sorted(schemas.items()):
        schema = json.loads(file.read_text())
        listed = {kind: sorted(found) for kind, found in sorted(paths.get(handler, {}).items())}
        out = {}
        for key, value in schema.items():
            if key == KEY:
                continue
            out[key] = value
            if key == "x-wix-event-type" and listed:
                out[KEY] = listed
        file.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        written += bool(listed)
    print(f"{KEY} in {written} of {len(schemas)} event schemas")


if __name__ == "__main__":
    main()
