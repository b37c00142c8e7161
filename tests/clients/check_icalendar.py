"""Parses a feed with python-icalendar (Debian's python3-icalendar) and compares what it reads
with expected.json; with "-" instead of an expectation file, checks only that every VEVENT
reads with a zoned or all-day start and a summary. Exit 0 on success, 1 on any difference.

usage: python3 check_icalendar.py FEED.ics EXPECTED.json|-
"""
import datetime
import json
import re
import sys

import icalendar


def main(feed_path, expected_path):
    failures = []
    with open(feed_path, "rb") as feed:
        raw = feed.read()
    calendar = icalendar.Calendar.from_ical(raw)
    zones = calendar.walk("VTIMEZONE")
    if len(zones) > 1:
        failures.append("expected at most one VTIMEZONE, got %d" % len(zones))
    for zone in zones:
        if str(zone.get("TZID")) != "Europe/Berlin":
            failures.append("VTIMEZONE TZID is %s" % zone.get("TZID"))

    def instant(uid, value):
        if isinstance(value, datetime.datetime):
            if value.tzinfo is None:
                failures.append("%s: floating time %s" % (uid, value))
                return value.isoformat()
            return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return value.isoformat()

    read = []
    for vevent in calendar.walk("VEVENT"):
        uid = str(vevent.get("UID"))
        start = vevent.decoded("DTSTART")
        end = vevent.decoded("DTEND")
        rrule = vevent.get("RRULE")
        count = 1
        if rrule is not None:
            count = int(rrule.get("COUNT", [0])[0])
        read.append({
            "uid": uid,
            "summary": str(vevent.get("SUMMARY")),
            "all_day": not isinstance(start, datetime.datetime),
            "start": instant(uid, start),
            "end": instant(uid, end),
            "count": count,
            "status": str(vevent.get("STATUS")),
        })
    if len(read) != len(re.findall(rb"^BEGIN:VEVENT\r$", raw, re.M)):
        failures.append("not every VEVENT block was read")

    if expected_path == "-":
        for event in read:
            if not event["summary"]:
                failures.append("%s: no summary" % event["uid"])
    else:
        with open(expected_path, encoding="utf-8") as handle:
            expected = json.load(handle)
        if str(calendar.get("X-WR-CALNAME")) != expected["calendar_name"]:
            failures.append("calendar name %s" % calendar.get("X-WR-CALNAME"))
        if len(read) != len(expected["events"]):
            failures.append("expected %d events, read %d" % (len(expected["events"]), len(read)))
        by_uid = {event["uid"]: event for event in read}
        for want in expected["events"]:
            got = by_uid.get(want["uid"])
            if got is None:
                failures.append("%s: missing" % want["uid"])
                continue
            for field in ("summary", "all_day", "start", "end", "count"):
                if got[field] != want[field]:
                    failures.append("%s: %s is %r, expected %r"
                                    % (want["uid"], field, got[field], want[field]))
            if "status" in want and got["status"] != want["status"]:
                failures.append("%s: status %s" % (want["uid"], got["status"]))

    if failures:
        print("python-icalendar %s:\n  %s" % (feed_path, "\n  ".join(failures)), file=sys.stderr)
        return 1
    print("python-icalendar read %d events from %s as expected" % (len(read), feed_path))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    sys.exit(main(sys.argv[1], sys.argv[2]))
