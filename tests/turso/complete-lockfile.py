#!/usr/bin/python3
"""Adds the other platforms' optional packages of `turso` and `@tursodatabase/sync` to package-lock.json.

The registry reachable here serves only the linux-x64 builds, so `npm install` leaves the other platforms'
optional binaries out of the lockfile and `npm ci` then refuses the lockfile as out of sync. Entries marked
optional with their os/cpu are skipped by `npm ci` on a non-matching machine without being fetched.
Usage: complete-lockfile.py DIR (after `npm install` in DIR)."""
import json
import sys

PLATFORMS = {
    "darwin-arm64": (["darwin"], ["arm64"]),
    "darwin-x64": (["darwin"], ["x64"]),
    "linux-arm64-gnu": (["linux"], ["arm64"]),
    "linux-x64-gnu": (["linux"], ["x64"]),
    "win32-x64-msvc": (["win32"], ["x64"]),
}

path = sys.argv[1] + "/package-lock.json"
lock = json.load(open(path))
packages = lock["packages"]
added = []
for key, meta in list(packages.items()):
    for name, version in meta.get("optionalDependencies", {}).items():
        entry = "node_modules/" + name
        if entry in packages:
            continue
        platform = next((p for p in PLATFORMS if name.endswith("-" + p)), None)
        if platform is None:
            sys.exit(f"{name}: unknown platform suffix")
        os_list, cpu_list = PLATFORMS[platform]
        packages[entry] = {"version": version, "cpu": cpu_list, "license": "MIT", "optional": True, "os": os_list}
        added.append(name)
lock["packages"] = dict(sorted(packages.items(), key=lambda kv: (kv[0] != "", kv[0])))
json.dump(lock, open(path, "w"), indent=2)
open(path, "a").write("\n")
print("added", ", ".join(added) if added else "nothing")
