#!/usr/bin/env python3
"""Inflates a real audit log to a target size by repeating it, shifting each copy's
time stamps past the previous copy and its serials past the previous maximum, so every
event stays unique and in time order. With --distinct-containers every copy has its own
containers: each 64-hex container id and each dockaudit-* container name gets the copy's
number, as text and inside the hex the kernel writes for arguments with spaces.
Usage: inflate.py [--distinct-containers] SOURCE TARGET SIZE_MIB"""
import re
import sys

args = sys.argv[1:]
distinct = "--distinct-containers" in args
args = [a for a in args if a != "--distinct-containers"]
source, target, size_mib = args[0], args[1], int(args[2])
data = open(source, "rb").read()
stamp = re.compile(rb"msg=audit\((\d+)\.(\d+):(\d+)\)")
times = [int(m.group(1)) for m in stamp.finditer(data)]
serials = [int(m.group(3)) for m in stamp.finditer(data)]
span = max(times) - min(times) + 10
serial_span = max(serials) + 1
ids = sorted(set(re.findall(rb"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])", data)))
names = sorted(set(re.findall(rb"dockaudit-c[0-9-]+(?![0-9-])", data)), key=len, reverse=True)


def renamed(copy):
    """Each id and name as copy `copy` has it: ids keep their length (the copy in the first
    8 hex digits), names get a suffix."""
    pairs = [(i, b"%08x" % copy + i[8:]) for i in ids] + [(n, n + b"x%d" % copy) for n in names]
    return pairs + [(o.hex().upper().encode(), r.hex().upper().encode()) for o, r in pairs]


def copy_of(copy):
    dt, ds = copy * span, copy * serial_span
    chunk = stamp.sub(lambda m: b"msg=audit(%d.%s:%d)" % (int(m.group(1)) + dt, m.group(2), int(m.group(3)) + ds), data)
    if distinct:
        pairs = renamed(copy)
        table = dict(pairs)
        pattern = re.compile(b"|".join(re.escape(o) for o, _ in sorted(pairs, key=lambda p: len(p[0]), reverse=True)))
        chunk = pattern.sub(lambda m: table[m.group(0)], chunk)
    return chunk


limit = size_mib << 20
written = 0
copy = 0
with open(target, "wb") as out:
    while written < limit:
        chunk = data if copy == 0 else copy_of(copy)
        out.write(chunk)
        written += len(chunk)
        copy += 1
print(f"{target}: {written >> 20} MiB in {copy} copies"
      + (f", {len(ids)} container ids and {len(names)} names a copy" if distinct else ""), file=sys.stderr)
