#!/usr/bin/python3
"""Independent checks of timeline interchange files: `validate_export.py otio FILE` or `edl FILE`.

OTIO: the document must follow OpenTimelineIO's JSON schema shapes (Timeline.1 > Stack.1 > Track.1 > Clip.2 /
Gap.1 / Transition.1, RationalTime.1 and TimeRange.1 with consistent rates, non-negative durations, markers
Marker.2 with known colors). EDL: a CMX 3600 parse (title, FCM, numbered events, reel, channel, cut, and
source and record timecodes whose durations agree). Exits 0 when valid, 1 with the reasons otherwise.
"""

import json
import re
import sys

OTIO_COLORS = {"PINK", "RED", "ORANGE", "YELLOW", "GREEN", "CYAN", "BLUE", "PURPLE", "MAGENTA", "BLACK", "WHITE"}


class Invalid(Exception):
    pass


def need(cond, msg):
    if not cond:
        raise Invalid(msg)


def rational_time(obj, where):
    need(isinstance(obj, dict) and obj.get("OTIO_SCHEMA") == "RationalTime.1", where + ": not RationalTime.1")
    need(isinstance(obj.get("rate"), (int, float)) and obj["rate"] > 0, where + ": rate must be positive")
    need(isinstance(obj.get("value"), (int, float)), where + ": value must be a number")
    return obj["value"], obj["rate"]


def time_range(obj, where):
    need(isinstance(obj, dict) and obj.get("OTIO_SCHEMA") == "TimeRange.1", where + ": not TimeRange.1")
    _, r1 = rational_time(obj.get("start_time"), where + ".start_time")
    d, r2 = rational_time(obj.get("duration"), where + ".duration")
    need(d >= 0, where + ": negative duration")
    need(r1 == r2, where + ": start and duration rates differ")
    return d


def item_common(obj, where):
    for key in ("name", "metadata", "effects", "markers", "enabled"):
        need(key in obj, where + ": missing '%s'" % key)
    for i, m in enumerate(obj["markers"]):
        need(m.get("OTIO_SCHEMA") == "Marker.2", where + ".markers[%d]: not Marker.2" % i)
        need(m.get("color") in OTIO_COLORS, where + ".markers[%d]: unknown color %r" % (i, m.get("color")))
        time_range(m.get("marked_range"), where + ".markers[%d].marked_range" % i)


def check_otio(doc):
    need(doc.get("OTIO_SCHEMA") == "Timeline.1", "root: not Timeline.1")
    if doc.get("global_start_time") is not None:
        rational_time(doc["global_start_time"], "global_start_time")
    stack = doc.get("tracks")
    need(isinstance(stack, dict) and stack.get("OTIO_SCHEMA") == "Stack.1", "tracks: not Stack.1")
    item_common(stack, "tracks")
    for t, track in enumerate(stack.get("children", [])):
        where = "tracks.children[%d]" % t
        need(track.get("OTIO_SCHEMA") == "Track.1", where + ": not Track.1")
        need(track.get("kind") in ("Video", "Audio"), where + ": kind must be Video or Audio")
        item_common(track, where)
        for c, child in enumerate(track.get("children", [])):
            cw = "%s.children[%d]" % (where, c)
            schema = child.get("OTIO_SCHEMA")
            need(schema in ("Clip.2", "Gap.1", "Transition.1"), cw + ": unexpected %r" % schema)
            if schema == "Transition.1":
                continue
            item_common(child, cw)
            need(time_range(child.get("source_range"), cw + ".source_range") > 0, cw + ": empty item")
            if schema == "Clip.2":
                refs = child.get("media_references")
                key = child.get("active_media_reference_key")
                need(isinstance(refs, dict) and key in refs, cw + ": active media reference missing")
                ref = refs[key]
                need(ref.get("OTIO_SCHEMA") in ("ExternalReference.1", "MissingReference.1",
                                                "ImageSequenceReference.1", "GeneratorReference.1"),
                     cw + ": unknown media reference")
                if ref.get("OTIO_SCHEMA") == "ExternalReference.1":
                    need(isinstance(ref.get("target_url"), str) and ref["target_url"], cw + ": empty target_url")


TC = r"(\d\d):(\d\d):(\d\d)[:;](\d\d)"
EVENT = re.compile(r"^(\d{3,6})\s+(\S+)\s+(V|A|A2|AA|AA/V|B)\s+(C|D\s+\d+|W\d+\s+\d+)\s+"
                   + " ".join([TC] * 4) + r"\s*$")


def frames(groups, fps):
    hh, mm, ss, ff = (int(g) for g in groups)
    need(ff < fps and mm < 60 and ss < 60, "timecode out of range")
    return ((hh * 60 + mm) * 60 + ss) * fps + ff


def check_edl(text, fps=24):
    lines = text.splitlines()
    need(lines and lines[0].startswith("TITLE: "), "first line must be TITLE:")
    need(any(l.startswith("FCM: ") for l in lines[:3]), "FCM: line missing")
    events = 0
    last = 0
    for line in lines[1:]:
        if not line.strip() or line.startswith("FCM:") or line.startswith("*"):
            continue
        m = EVENT.match(line)
        need(m is not None, "not a CMX 3600 event: %r" % line)
        number = int(m.group(1))
        need(number == last + 1, "event %d follows %d" % (number, last))
        last = number
        g = m.groups()[4:]
        src_in, src_out = frames(g[0:4], fps), frames(g[4:8], fps)
        rec_in, rec_out = frames(g[8:12], fps), frames(g[12:16], fps)
        need(src_out > src_in and rec_out > rec_in, "event %d: empty range" % number)
        need(src_out - src_in == rec_out - rec_in, "event %d: source and record durations differ" % number)
        events += 1
    return events


def self_test():
    good_edl = ("TITLE: T\nFCM: NON-DROP FRAME\n\n001  AX       V     C        00:00:01:00 00:00:02:00 "
                "01:00:00:00 01:00:01:00\n* FROM CLIP NAME: a.mov\n")
    need(check_edl(good_edl) == 1, "good EDL not accepted")
    for bad in (good_edl.replace("01:00:01:00", "01:00:01:05"), good_edl.replace("001", "002"), "nothing"):
        try:
            check_edl(bad)
        except Invalid:
            continue
        raise Invalid("a bad EDL was accepted: %r" % bad)
    rt = {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0}
    base = {"name": "", "metadata": {}, "effects": [], "markers": [], "enabled": True}
    gap = dict(base, OTIO_SCHEMA="Gap.1",
               source_range={"OTIO_SCHEMA": "TimeRange.1", "start_time": rt, "duration": dict(rt, value=5)})
    doc = {"OTIO_SCHEMA": "Timeline.1", "tracks": dict(base, OTIO_SCHEMA="Stack.1", children=[
        dict(base, OTIO_SCHEMA="Track.1", kind="Video", children=[gap])])}
    check_otio(doc)
    doc["tracks"]["children"][0]["children"][0]["source_range"]["duration"]["rate"] = 25
    try:
        check_otio(doc)
    except Invalid:
        return
    raise Invalid("an OTIO document with mixed rates was accepted")


def main(argv):
    try:
        if argv[1:] == ["--self-test"]:
            self_test()
        elif len(argv) == 3 and argv[1] == "otio":
            with open(argv[2]) as f:
                check_otio(json.load(f))
        elif len(argv) == 3 and argv[1] == "edl":
            with open(argv[2]) as f:
                need(check_edl(f.read()) > 0, "no events")
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except (Invalid, ValueError) as e:
        print("invalid: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
