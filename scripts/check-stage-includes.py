#!/usr/bin/env python3
"""Fails when a stage includes a header of a later stage, or a library source sits outside every
stage folder. The stage order comes from CMake (ITKAL_STAGES), so there is one list.

  usage: check-stage-includes.py ROOT "text;model;...;serve"
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"itkal/(.+)/[^/]+\.hpp"', re.MULTILINE)


def stage_of(relative, stages):
    """The stage a file under src/ or include/itkal/ belongs to: its longest matching folder."""
    matches = [s for s in stages if relative.startswith(s + "/")]
    return max(matches, key=len) if matches else None


def problems(root, stages):
    order = {stage: index for index, stage in enumerate(stages)}
    found = []
    for base in (root / "src", root / "include" / "itkal"):
        for path in sorted(base.rglob("*")):
            if path.suffix not in (".cpp", ".hpp"):
                continue
            relative = path.relative_to(base).as_posix()
            if relative == "main.cpp" or relative.startswith("cli/"):
                continue  # the command line sits on top and may use every stage
            stage = stage_of(relative, stages)
            if stage is None:
                found.append(f"{path.relative_to(root)}: in no stage folder ({', '.join(stages)})")
                continue
            text = path.read_text(encoding="utf-8")
            for match in INCLUDE.finditer(text):
                used = match.group(1)
                line = text.count("\n", 0, match.start()) + 1
                if used not in order:
                    found.append(f"{path.relative_to(root)}:{line}: includes unknown stage '{used}'")
                elif order[used] > order[stage]:
                    found.append(f"{path.relative_to(root)}:{line}: stage '{stage}' includes "
                                 f"later stage '{used}': {match.group(0).strip()}")
    return found


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    stages = [s for s in sys.argv[2].split(";") if s]
    found = problems(root, stages)
    for problem in found:
        print(problem, file=sys.stderr)
    if not found:
        print(f"stage includes: {len(stages)} stages in order, no include of a later stage")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
