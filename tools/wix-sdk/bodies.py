#!/usr/bin/env python3
"""Writes test bodies for every event from the field lists the extraction
made (`tests/fixtures/sdk/fields/`), into `tests/fixtures/sdk/bodies/`:

- `<event>.full.json`: every path the SDK declares, filled with a value of
  its kind (the first value of an enum; text that fits the SDK's `format`
  tag; `1`, `true`; one item per array);
- `<event>.absent.json`: only what the SDK requires (every optional field absent);
- `<event>.null.json`: the full body with every nullable field `null`.

Deterministic: the same field lists give the same bytes.

    python3 tools/wix-sdk/bodies.py
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIELDS = ROOT / "tests/fixtures/sdk/fields"
OUT = ROOT / "tests/fixtures/sdk/bodies"

# Text for the SDK's `format` tags, and for fields it types as text that
# carry a number (money amounts and counters travel as text).
TEXT = {
    "GUID": "00000000-0000-4000-8000-000000000001",
    "DECIMAL_VALUE": "1.50",
    "COUNTRY": "US",
    "CURRENCY": "USD",
    "PHONE": "+1-555-0100",
    "EMAIL": "buyer@example.com",
    "COLOR_HEX": "#FFFFFF",
    "WEB_URL": "https://example.com/page",
}


def value_of(field):
    kind = field["kind"]
    tags = field.get("tags", {})
    if kind == "string":
        if field["name"].lower().endswith("url"):
            return TEXT["WEB_URL"]
        return TEXT.get(tags.get("format"), "1")
    if kind == "enum":
        return field["enum"]["values"][0]
    if kind == "number":
        return 1
    if kind == "boolean":
        return True
    if kind == "date":
        return "2024-03-01T08:30:00.000Z"
    if kind in ("object", "map"):
        return {}
    if kind == "array":
        return []
    return "1"  # `any`


def build(fields, keep):
    """The body holding each field `keep` accepts, parents first."""
    root = {}
    nodes = {"": root}
    for field in fields:
        path = field["path"]
        parent, _, name = path.rpartition("/")
        if parent not in nodes or not keep(field) or field.get("cut"):
            continue
        value = value_of(field)
        holder = nodes[parent]
        if isinstance(holder, list):
            holder.append(value)
        else:
            holder[name] = value
        if isinstance(value, (dict, list)):
            nodes[path] = value
    return root


def nulled(fields):
    body = build(fields, lambda f: True)
    for field in fields:
        if not field.get("nullable"):
            continue
        *parents, name = [p for p in field["path"].split("/") if p]
        node = body
        for part in parents:
            node = node[0] if part == "*" and isinstance(node, list) and node else node.get(part) if isinstance(node, dict) else None
            if node is None:
                break
        if isinstance(node, dict) and name in node:
            node[name] = None
    return body


def main():
    count = 0
    for path in sorted(FIELDS.glob("*/*.json")):
        fields = json.loads(path.read_text())["fields"]
        out = OUT / path.parent.name
        out.mkdir(parents=True, exist_ok=True)
        stem = path.stem
        bodies = {
            "full": build(fields, lambda f: True),
            "absent": build(fields, lambda f: not f.get("optional")),
            "null": nulled(fields),
        }
        for kind, body in bodies.items():
            (out / f"{stem}.{kind}.json").write_text(json.dumps(body, indent=1, sort_keys=True) + "\n")
            count += 1
    print(f"{count} bodies in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
