#!/usr/bin/env python3
"""Scores `itkal extract` against hand-annotated real newsletters.

Each set folder holds NAME.txt (the text as published), NAME.source (its address and the
issue date) and NAME.expected.json (the occurrences a careful reader finds, written before
the extractor was run). An occurrence is compared day by day as (day, start time, end time),
so consecutive days with the same times count the same as a span. An expected occurrence is
found when every one of its days is extracted with its times; an extracted occurrence is wrong
when any of its days is neither expected nor listed under "ignore" (dates a reader would
neither demand nor object to, such as a typo year that may be published or warned about):
[start, end, start time, end time, why] allows those days with those times, [start, end]
allows them at any time.
"""

import datetime
import json
import pathlib
import subprocess
import sys


def read_source(path):
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def day_tuples(start, end, start_time, end_time):
    first = datetime.date.fromisoformat(start)
    last = datetime.date.fromisoformat(end)
    if last < first or (last - first).days > 400:
        return {(start, "bad-span", end)}
    days = set()
    day = first
    while day <= last:
        days.add((day.isoformat(), start_time, end_time))
        day += datetime.timedelta(days=1)
    return days


def extract(itkal, text, issue_date):
    run = subprocess.run([itkal, "extract", "--json", "--issue-date", issue_date, str(text)],
                         capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        return None, []
    result = json.loads(run.stdout)
    occurrences = []
    for entry in result["entries"]:
        for o in entry.get("occurrences", []):
            occurrences.append((o["start_date"], o["end_date"], o["start_time"], o["end_time"],
                                entry.get("title") or ""))
    return result, occurrences


def score_file(itkal, text, verbose):
    stem = text.name[: -len(".txt")]
    source = read_source(text.with_name(stem + ".source"))
    expected = json.loads(text.with_name(stem + ".expected.json").read_text(encoding="utf-8"))
    result, extracted = extract(itkal, text, source["issue_date"])
    extracted_days = set()
    for o in extracted:
        extracted_days |= day_tuples(*o[:4])
    allowed_days = set()
    for o in expected["occurrences"] + [i for i in expected.get("ignore", []) if len(i) >= 4]:
        allowed_days |= day_tuples(*o[:4])
    # An ignore entry of two dates ([start, end]) allows those days at any time.
    any_time_days = set()
    for i in expected.get("ignore", []):
        if len(i) < 4:
            any_time_days |= {day for day, _, _ in day_tuples(i[0], i[1], None, None)}
    found = 0
    for o in expected["occurrences"]:
        if day_tuples(*o[:4]) <= extracted_days:
            found += 1
        elif verbose:
            print(f"  missed  {stem}: {o[0]}..{o[1]} {o[2]}-{o[3]} {o[4]}")
    wrong = 0
    for o in extracted:
        if not all(t in allowed_days or t[0] in any_time_days for t in day_tuples(*o[:4])):
            wrong += 1
            if verbose:
                print(f"  wrong   {stem}: {o[0]}..{o[1]} {o[2]}-{o[3]} {o[4]}")
    warnings = len(result["warnings"]) if result else 0
    return {"section": result is not None, "expected": len(expected["occurrences"]),
            "found": found, "published": len(extracted), "wrong": wrong, "warnings": warnings}


def percent(part, whole):
    return 100.0 * part / whole if whole else 0.0


def main(argv):
    if len(argv) < 3:
        print("usage: score_newsletters.py ITKAL SET_DIR... [--verbose] "
              "[--floor FOUND_PERCENT --max-wrong WRONG_PERCENT]", file=sys.stderr)
        return 64
    itkal = argv[1]
    verbose = "--verbose" in argv
    floor = float(argv[argv.index("--floor") + 1]) if "--floor" in argv else None
    max_wrong = float(argv[argv.index("--max-wrong") + 1]) if "--max-wrong" in argv else None
    options = {"--verbose", "--floor", "--max-wrong"}
    sets = [a for i, a in enumerate(argv[2:], 2)
            if a not in options and argv[i - 1] not in ("--floor", "--max-wrong")]
    ok = True
    for set_dir in sets:
        files = sorted(pathlib.Path(set_dir).glob("*.txt"))
        if not files:
            print(f"no newsletters in '{set_dir}'", file=sys.stderr)
            return 2
        total = {"files": len(files), "section": 0, "expected": 0, "found": 0,
                 "published": 0, "wrong": 0, "warnings": 0}
        # The held-out set is only scored: its misses are never printed, so that nobody tunes on them.
        detail = verbose and pathlib.Path(set_dir).name != "held-out"
        for text in files:
            scores = score_file(itkal, text, detail)
            for key in ("expected", "found", "published", "wrong", "warnings"):
                total[key] += scores[key]
            total["section"] += scores["section"]
        found_pct = percent(total["found"], total["expected"])
        wrong_pct = percent(total["wrong"], total["published"])
        print(f"{pathlib.Path(set_dir).name}: {total['files']} newsletters, "
              f"sections found {total['section']}/{total['files']}, "
              f"expected occurrences found exactly {total['found']}/{total['expected']} "
              f"({found_pct:.1f} %), published {total['published']}, wrong {total['wrong']} "
              f"({wrong_pct:.1f} %), warnings {total['warnings']}")
        if floor is not None and found_pct < floor:
            print(f"  below the floor: {found_pct:.1f} % found < {floor} %")
            ok = False
        if max_wrong is not None and wrong_pct > max_wrong:
            print(f"  over the bound: {wrong_pct:.1f} % wrong > {max_wrong} %")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
