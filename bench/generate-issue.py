#!/usr/bin/env python3
"""Writes a generated newsletter issue in the form of the bundled example (masthead, "IT-Kalender"
heading, one entry per line with a blank line between, "Impressum" footer) to stdout.
Entries take the shapes of the IT-Kalender, each a valid entry of a 2026 issue:
  11.6., 15.30-17.30: **Workshop Nummer 95 "API first"**, Freie Hansestadt Bremen, DATABUND, VITAKO
  25.-28.6., Berlin: **DMEA 2026**
  6./7.6., Mainz: **BTC NetWork Forum Kommune**, BTC
  usage: bench/generate-issue.py ENTRIES > issue.txt   (about 65 bytes per entry)"""
import sys

entries = int(sys.argv[1])
places = ["Berlin", "Mainz", "Hannover", "Radebeul", "online"]
out = ["Kommunal-IT Rundbrief", "", "15. April 2026", "", "IT-Kalender", ""]
for i in range(entries):
    day, month, n = i % 25 + 1, i % 12 + 1, i % 997
    shape = i % 3
    if shape == 0:
        line = (f'{day}.{month}., 15.30-17.30: **Workshop Nummer {n} "API first"**, '
                "Freie Hansestadt Bremen, DATABUND, VITAKO")
    elif shape == 1:
        line = f"{day}.-{day + 3}.{month}., {places[i % 5]}: **DMEA {2026 + i % 3}**"
    else:
        line = f"{day}./{day + 1}.{month}., {places[i % 5]}: **BTC NetWork Forum Kommune {n}**, BTC"
    out += [line, ""]
out += ["Impressum", ""]
sys.stdout.write("\n".join(out))
