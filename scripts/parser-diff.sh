#!/usr/bin/env bash
# Differential check of the entry parser: builds the parser of an older commit next to the one
# in the working tree (the old namespace renamed) and compares every field both give for the
# test and fixture lines, their suffixes and random compositions of calendar pieces, under three
# issue dates. For changes that must not change behaviour, such as speed work.
#   usage: scripts/parser-diff.sh OLD_COMMIT [RANDOM_COUNT]   (default 300000; needs g++ and the
#          Debian packages of scripts/install-deps.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?usage: scripts/parser-diff.sh OLD_COMMIT [RANDOM_COUNT]}
count=${2:-300000}
# The parser and what it uses; a link error names a file to add here.
files=${PARSER_FILES:-"entry_parser date_expression_parser time_range_parser text_scanner text_folding time_of_day organizer_directory entry"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git archive "$old" include src | tar -x -C "$work" --one-top-level=old
flags=(-std=c++20 -O2 -w "-DORGANIZERS_JSON=\"$PWD/feeds/organizers.json\"")
# The parser's own pieces (entry_parser_*.cpp) differ between the sides: each side compiles the
# ones it has. Sources are found wherever the side keeps them (flat in src/ before the stage
# folders, src/<stage>/ after).
pieces() { find "$1" -name 'entry_parser_*.cpp' -printf '%f\n' | sed 's/\.cpp$//' | sort; }
source_of() { find "$1" -name "$2.cpp" | head -1; }
# Helpers that moved out of other files over time are compiled on the sides that have them.
optional() { for f in file_io iso_date named_day; do [ -z "$(source_of "$1" "$f")" ] || echo "$f"; done; }
old_files="$files $(pieces "$work/old/src") $(optional "$work/old/src")"
new_files="$files $(pieces src) $(optional src)"
# An old flat tree gets the stage paths of today's headers as links, so the one describe.cpp
# compiles against both sides.
for header in $(cd include && find itkal -mindepth 2 -name '*.hpp'); do
  flat="$work/old/include/itkal/$(basename "$header")"
  if [ -f "$flat" ] && [ ! -e "$work/old/include/$header" ]; then
    mkdir -p "$(dirname "$work/old/include/$header")"
    ln -s "$flat" "$work/old/include/$header"
  fi
done
for f in $old_files; do
  g++ "${flags[@]}" -Ditkal=itkal_old -I "$work/old/include" -I "$(dirname "$(source_of "$work/old/src" "$f")")" \
    -c "$(source_of "$work/old/src" "$f")" -o "$work/old_$f.o" &
  [ "$(jobs -r | wc -l)" -lt 2 ] || wait -n
done
for f in $new_files; do
  g++ "${flags[@]}" -I include -c "$(source_of src "$f")" -o "$work/new_$f.o" &
  [ "$(jobs -r | wc -l)" -lt 2 ] || wait -n
done
wait
g++ "${flags[@]}" -Ditkal=itkal_old -DSIDE=old -I "$work/old/include" -c scripts/parser-diff/describe.cpp -o "$work/describe_old.o"
g++ "${flags[@]}" -DSIDE=new -I include -c scripts/parser-diff/describe.cpp -o "$work/describe_new.o"
g++ "${flags[@]}" -c scripts/parser-diff/compare.cpp -o "$work/compare.o"
g++ -o "$work/compare" "$work"/*.o -lboost_date_time -lPocoJSON -lPocoFoundation
# Lines: the quoted strings of the parser tests and real-listing tables, the example issue, and
# the shared newsletters where they are present.
{
  grep -ho '"[^"]*"' tests/entry_parser_test.cpp tests/data/*.inc | sed 's/^"//; s/"$//'
  cat feeds/inbox/*.txt
  if [ -d ../shared/newsletters ]; then find ../shared/newsletters -name '*.txt' -exec cat {} +; fi
} | awk 'length($0) < 400' | sort -u > "$work/lines.txt"
"$work/compare" "$count" < "$work/lines.txt"
