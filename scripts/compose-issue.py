#!/usr/bin/env python3
"""Writes a random composition of a newsletter issue to stdout, large enough to be read in parts
on several threads: the real-line sets (tests/data/*.inc) and the pieces whose state carries from
one line to the next (day headings with timed items below, continuation lines, lines broken
inside a time range, title-first lines, labelled fields announced again later, group and month
sub-headings, words between entries), with or without blank lines between them, under the
example's masthead and heading. For scripts/output-diff.sh.
  usage: scripts/compose-issue.py SEED PIECES [FOOTER_AT]   (FOOTER_AT: the piece after which an
         "Impressum" footer ends the calendar; default none)"""
import pathlib
import random
import re
import sys

seed, pieces = int(sys.argv[1]), int(sys.argv[2])
footer_at = int(sys.argv[3]) if len(sys.argv) > 3 else -1
rng = random.Random(seed)
root = pathlib.Path(__file__).resolve().parent.parent
real = []
for inc in sorted(root.glob("tests/data/*.inc")):
    real += re.findall(r'^\{(?:\.line = )?R"\((.*?)\)"', inc.read_text(), re.M)

STRUCTURES = [
    ["Mittwoch, 6. Mai", "18:00 Uhr Lesung", "im Rathaus", "", "19:30 Uhr Konzert", "Kirche"],
    ["Donnerstag, 7. Mai", "10 Uhr Markt", "11 Uhr Flohmarkt", "Marktplatz"],
    ["28. APRIL", "", "9 Uhr Frühstück", "Gemeindehaus", "", "14 Uhr Kaffee"],
    ["12.5., 14.30 -", "16.00 Uhr Workshop"],
    ['11.6., 15.30-17.30: **Workshop Nummer 95', '"API first"**, Bremen, DATABUND'],
    ["12.6., Berlin: Tagung,", "und Empfang"],
    ["14.6.: **Fachtag** in", "Mainz"],
    ["15.6.: Netzwerk", "Berlin, Rathaus"],
    ["Zwischenzeugnis 17.02.2027"],
    ["Elternabend Montag, 3.3.2027"],
    ["Was: Sommerfest", "Wann: 20.6.2026, 15 Uhr", "Wo: Schulhof"],
    ["Was: Lesung", "Wann: 21.6.2026", "Wo: Bücherei"],
    ["Senioren"],
    ["Mai 2026"],
    ["Bitte vormerken."],
    ["03.09. Elternabend 10.09. Schulfest"],
    ["31.2.: Unmöglich"],
    ["N.N.: ohne Datum"],
]

out = ["Kommunal-IT Rundbrief", "", "15. April 2026", "", "IT-Kalender", ""]
for k in range(pieces):
    piece = rng.choice(STRUCTURES) if rng.random() < 0.3 else [rng.choice(real)]
    out += piece
    if rng.random() < 0.7:
        out.append("")
    if k == footer_at:
        out += ["Impressum", ""]
out += ["Impressum", ""]
sys.stdout.write("\n".join(out))
