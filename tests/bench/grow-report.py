#!/usr/bin/env python3
"""Grow a real Lighthouse report past a size by adding screenshot frames.

Usage: grow-report.py REPORT MIN_BYTES OUT

Appends copies of the report's own filmstrip frames to
audits["screenshot-thumbnails"].details.items, each 'timing' and 'timestamp'
one frame interval after the last, until the file is at least MIN_BYTES.
The frames are inserted into the report's text as Lighthouse wrote it (two
spaces of indentation), so every other byte, and the spelling of every
number, stays as it was: po must read the same values from the big report
as from the real one.  The result is parsed again and compared with the
original before it is written; exit 2 on any difference.
"""
import json
import sys

AUDIT_KEY = '"screenshot-thumbnails": {'
ITEMS_KEY = '"items": ['


def fail(message):
    sys.stderr.write("grow-report.py: %s\n" % message)
    sys.exit(2)


def items_span(text):
    """Where the filmstrip's items array closes, and its indentation."""
    start = text.find(AUDIT_KEY)
    if start < 0:
        fail("no 'screenshot-thumbnails' audit")
    items = text.find(ITEMS_KEY, start)
    if items < 0:
        fail("the 'screenshot-thumbnails' audit has no items")
    # Frames hold only scalars and base64 text, so the first ']' closes
    # the array; the parse check at the end catches any other layout.
    close = text.find("]", items)
    line_start = text.rfind("\n", 0, items) + 1
    indent = text[line_start:items]
    return close, indent


def frame_text(frame, indent):
    body = json.dumps(frame, indent=2, ensure_ascii=False)
    return "\n".join(indent + "  " + line for line in body.split("\n"))


def main(argv):
    if len(argv) != 4:
        fail("usage: grow-report.py REPORT MIN_BYTES OUT")
    path, min_bytes, out = argv[1], int(argv[2]), argv[3]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    report = json.loads(text)
    frames = report["audits"]["screenshot-thumbnails"]["details"]["items"]
    if len(frames) < 2:
        fail("the filmstrip needs at least 2 frames to copy")
    step_ms = frames[-1]["timing"] - frames[-2]["timing"]
    step_us = frames[-1]["timestamp"] - frames[-2]["timestamp"]
    close, indent = items_span(text)
    head = text[:close].rstrip()
    tail = text[close:].lstrip(" ")

    added = []
    size = len(text.encode("utf-8"))
    last = frames[-1]
    while size < min_bytes:
        src = frames[len(added) % len(frames)]
        last = dict(src, timing=last["timing"] + step_ms,
                    timestamp=last["timestamp"] + step_us)
        piece = ",\n" + frame_text(last, indent)
        added.append(piece)
        size += len(piece.encode("utf-8"))
    grown = head + "".join(added) + "\n" + indent + tail

    check = json.loads(grown)
    new_frames = check["audits"]["screenshot-thumbnails"]["details"]["items"]
    if len(new_frames) != len(frames) + len(added):
        fail("the grown report does not have the frames that were added")
    del new_frames[len(frames):]
    if check != report:
        fail("the grown report differs from the original beyond its frames")
    with open(out, "w", encoding="utf-8") as f:
        f.write(grown)
    sys.stderr.write("grow-report.py: %s: %d frames added, %d bytes\n" %
                     (out, len(added), len(grown.encode("utf-8"))))


if __name__ == "__main__":
    main(sys.argv)
