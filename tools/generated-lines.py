#!/usr/bin/env python3
"""Counts the lines of generated Rust by kind: type definitions (the items and
their attributes and docs), validation glue (`impl JsonRules`/`Validate`/
`ValidateJson` blocks) and the rest (enum helpers, `ActivityType`, `Event`).

    python3 tools/generated-lines.py [generated/src/types]
"""
import pathlib
import re
import sys

GLUE = re.compile(r"^impl\b.*\b(JsonRules|Validate|ValidateJson)\b.* for ")
TYPE_START = re.compile(r"^(pub struct|pub enum) ")
ATTRIBUTE = re.compile(r"^(#\[|///)")


def count(text):
    types = glue = other = 0
    pending = 0  # docs and attributes, counted with what they precede
    mode = None
    for line in text.split("\n"):
        if mode is None:
            if ATTRIBUTE.match(line):
                pending += 1
                continue
            if GLUE.match(line):
                mode = "glue"
            elif TYPE_START.match(line):
                mode = "type"
            elif line.startswith(("impl", "pub fn", "fn", "const", "static")) and not line.endswith("}"):
                mode = "other"
        kind = mode or "other"
        if kind == "glue":
            glue += 1 + pending
        elif kind == "type":
            types += 1 + pending
        else:
            other += 1 + pending
        pending = 0
        if line == "}" or (mode == "type" and line.endswith(";")):
            mode = None
    return types, glue, other


folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "generated/src/types")
totals = [0, 0, 0]
for path in sorted(folder.glob("*.rs")):
    for i, n in enumerate(count(path.read_text())):
        totals[i] += n
types, glue, other = totals
print(f"files {len(list(folder.glob('*.rs')))}, lines {sum(totals)}: types {types}, "
      f"validation glue {glue} ({glue / types:.2f} per line of type), other {other}")
