#!/usr/bin/env python3
"""k6-points.py SOURCE.gz OUT BYTES: writes OUT, a k6 `--out json` points
file of at least BYTES bytes made of the real run SOURCE (07-large: one VU
against a loopback server, 275 MB), repeated as many times as needed, each
copy after the first moved later in time by the length of the run so far
and without the Metric lines, which k6 writes once per metric.  Every line
keeps the shape, tags and time format k6 wrote; the numbers are k6's."""
import gzip
import sys
from datetime import datetime, timedelta


def shifted(prefix, by, cache):
    """The time prefix "YYYY-MM-DDTHH:MM:SS" moved `by` seconds."""
    key = (prefix, by)
    if key not in cache:
        t = datetime.strptime(prefix, '%Y-%m-%dT%H:%M:%S')
        cache[key] = (t + timedelta(seconds=by)).strftime('%Y-%m-%dT%H:%M:%S')
    return cache[key]


def main():
    source, out, want = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with gzip.open(source, 'rb') as f:
        lines = f.read().decode().splitlines(keepends=True)
    times = [l.find('"time":"') + 8 for l in lines]
    first = min(l[t:t + 19] for l, t in zip(lines, times) if t >= 8)
    last = max(l[t:t + 19] for l, t in zip(lines, times) if t >= 8)
    span = (datetime.strptime(last, '%Y-%m-%dT%H:%M:%S') -
            datetime.strptime(first, '%Y-%m-%dT%H:%M:%S')).seconds + 1
    written, copy, cache = 0, 0, {}
    with open(out, 'w') as f:
        while written < want:
            for line, t in zip(lines, times):
                if line.startswith('{"type":"Metric"'):
                    if copy > 0:
                        continue
                elif copy > 0:
                    line = (line[:t] +
                            shifted(line[t:t + 19], copy * span, cache) +
                            line[t + 19:])
                f.write(line)
                written += len(line)
            copy += 1


if __name__ == '__main__':
    main()
