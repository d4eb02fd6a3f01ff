"""Validate every line of a po stream against the JSON Schema in share/.

usage: validate-stream.py SCHEMA STREAM
Exits 1 naming the first line that does not validate."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft202012Validator(schema)
bad = 0
with open(sys.argv[2]) as stream:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        doc = json.loads(line)
        for error in validator.iter_errors(doc):
            path = "/".join(str(p) for p in error.absolute_path)
            print(f"line {lineno}: {path}: {error.message[:200]}")
            bad += 1
            break
sys.exit(1 if bad else 0)
