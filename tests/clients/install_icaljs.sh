#!/usr/bin/env bash
# Installs the pinned ical.js into MODULES_DIR (below the build folder; never committed).
# A failed install fails the test run: the client tests must not pass by being skipped.
# usage: install_icaljs.sh MODULES_DIR VERSION [NPM]
set -euo pipefail
modules="$1"
version="$2"
npm="${3:-npm}"
installed="$modules/node_modules/ical.js/package.json"
if [ -f "$installed" ] && grep -q "\"version\": \"$version\"" "$installed"; then
  echo "ical.js $version is installed in $modules"
  exit 0
fi
mkdir -p "$modules"
"$npm" install --prefix "$modules" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
  --loglevel=error "ical.js@$version"
grep -q "\"version\": \"$version\"" "$installed"
echo "installed ical.js $version into $modules"
