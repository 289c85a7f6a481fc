#!/usr/bin/env python3
"""Prints the ratio table of the last `cargo bench -p wix-activities` run.

Each cell is a method's mean time on an input divided by `value+jsonschema`'s
on the same input in the same run (criterion's estimates under
target/criterion/), so that the numbers compare methods, not machines.
"""

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"
BASELINE = "value+jsonschema"
METHODS = [
    "crate/activity_json",
    "crate/parse+validate",
    "crate/event_json",
    "crate/parse",
    "crate/validate",
    "handwritten",
    "value",
    "ignored-any",
]
INPUTS = ["small", "large", "batch-purchases", "mixed", "batch-mixed", "invalid", "events"]


def mean(group: str, method: str):
    """The mean time (ns) of `method` on `group`, or None if it did not run."""
    folder = ROOT / group / method.replace("/", "_")
    for estimates in sorted(folder.glob("**/new/estimates.json")):
        return json.loads(estimates.read_text())["mean"]["point_estimate"]
    return None


def main() -> int:
    if not ROOT.is_dir():
        print(f"no criterion results under {ROOT}; run `cargo bench -p wix-activities`", file=sys.stderr)
        return 1
    print("| input | " + " | ".join(f"`{m}`" for m in METHODS) + f" | `{BASELINE}` (time) |")
    print("|---" * (len(METHODS) + 2) + "|")
    for group in INPUTS:
        base = mean(group, BASELINE)
        if base is None:
            continue
        cells = []
        for method in METHODS:
            time = mean(group, method)
            cells.append("—" if time is None else f"{time / base:.2f}")
        print(f"| {group} | " + " | ".join(cells) + f" | {base / 1000:.1f} µs |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
