#!/usr/bin/env python3
"""Checks the tracker's accuracy on an inflated log: every copy of the source log must show
every container of the source, with the same counts, image, starter and commands.
Usage: copies.py SOURCE.json INFLATED.json   (both `dockaudit containers --format json`)
Prints one line per copy that differs, then a summary; exits 1 when any copy differs."""
import json
import re
import sys

FIELDS = ("image", "events", "execs", "files_written", "failed_syscalls", "connects")


def facts(container):
    actor = container.get("actor") or {}
    return tuple(container.get(f) for f in FIELDS) + (actor.get("auid"), len(container.get("commands", [])))


source = {c["name"]: facts(c) for c in json.load(open(sys.argv[1]))}
copies = {}
for container in json.load(open(sys.argv[2])):
    match = re.fullmatch(r"(.*?)(?:x(\d+))?", container["name"] or "")
    copies.setdefault(int(match.group(2) or 0), {})[match.group(1)] = facts(container)
wrong = 0
for copy, found in sorted(copies.items()):
    if found != source:
        wrong += 1
        missing = sorted(set(source) - set(found))
        differing = sorted(n for n in source if n in found and found[n] != source[n])
        print(f"copy {copy}: missing {missing}, differing {differing}")
containers = sum(len(found) for found in copies.values())
print(f"{len(copies)} copies, {containers} containers: {len(copies) - wrong} copies identical to the source, {wrong} differ")
sys.exit(1 if wrong else 0)
