#!/usr/bin/env python3
"""Inflates a real audit log to a target size by repeating it, shifting each copy's
time stamps past the previous copy and its serials past the previous maximum, so every
event stays unique and in time order. Usage: inflate.py SOURCE TARGET SIZE_MIB"""
import re
import sys

source, target, size_mib = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(source, "rb").read()
stamp = re.compile(rb"msg=audit\((\d+)\.(\d+):(\d+)\)")
times = [int(m.group(1)) for m in stamp.finditer(data)]
serials = [int(m.group(3)) for m in stamp.finditer(data)]
span = max(times) - min(times) + 10
serial_span = max(serials) + 1
limit = size_mib << 20
written = 0
copy = 0
with open(target, "wb") as out:
    while written < limit:
        dt, ds = copy * span, copy * serial_span
        chunk = data if copy == 0 else stamp.sub(
            lambda m: b"msg=audit(%d.%s:%d)" % (int(m.group(1)) + dt, m.group(2), int(m.group(3)) + ds), data)
        out.write(chunk)
        written += len(chunk)
        copy += 1
print(f"{target}: {written >> 20} MiB in {copy} copies", file=sys.stderr)
