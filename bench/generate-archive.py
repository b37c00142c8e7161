#!/usr/bin/env python3
"""Writes an archive of generated weekly issues into FOLDER: ISSUES files issue-NNNNN.txt, each
with a masthead date, an "IT-Kalender" heading and ENTRIES entries (default 8), 11/16 of them new
events and the rest repeated from the issue before (a repeat may gain a time or be cancelled, as
real newsletters do): with 8 entries, 5.5 events per issue, so 12,000 issues hold about 66,000
events. Issues start in 1960 so that 12,000 weeks stay within the years itkal accepts.
  usage: bench/generate-archive.py ISSUES FOLDER [ENTRIES]"""
import datetime
import os
import sys

issues, folder = int(sys.argv[1]), sys.argv[2]
os.makedirs(folder, exist_ok=True)
orgs = ["KDO", "AKDB", "Dataport", "ekom21", "VITAKO", "KDN", "regio iT", "Komm.ONE"]
places = ["Berlin", "Hannover", "Mainz", "Leipzig", "online"]
start = datetime.date(1960, 1, 7)
per_issue = int(sys.argv[3]) if len(sys.argv) > 3 else 8


def first_event(n):  # events first announced in issue n: first_event(n) .. first_event(n+1)-1
    return n * per_issue * 11 // 16


def announced_in(event):  # the issue that first announces the event
    n = event * 16 // (per_issue * 11)
    while first_event(n + 1) <= event:
        n += 1
    while first_event(n) > event:
        n -= 1
    return n


for n in range(issues):
    issue = start + datetime.timedelta(weeks=n)
    lines = [f"{issue.day}.{issue.month}.{issue.year}", "", "IT-Kalender", ""]
    new = list(range(first_event(n), first_event(n + 1)))
    repeated = list(range(max(0, new[0] - (per_issue - len(new))), new[0]))
    for event in repeated + new:
        first = announced_in(event)
        day = start + datetime.timedelta(weeks=first, days=14 + event % 40)
        again = first < n
        head = f"{day.day}.{day.month}.{day.year}"
        if again and event % 2 == 0:
            head += ", 10.00-12.00"
        head += f", {places[event % len(places)]}"
        line = f"{head}: **Fachtag {event} Digitale Verwaltung**, {orgs[event % len(orgs)]}"
        if again and event % 11 == 0:
            line += " – abgesagt"
        lines += [line, ""]
    lines += ["Impressum", ""]
    with open(f"{folder}/issue-{n:05d}.txt", "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
