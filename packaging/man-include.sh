#!/bin/sh
# Writes the help2man include file for itkal(1): each command's --help (help2man reads only the
# top-level one) and the files of an installation.
# Usage: man-include.sh OUTPUT ITKAL_BINARY SYSCONFDIR DATADIR STATE_DIR
set -eu
exec >"$1"
shift
itkal=$1
echo "[COMMANDS]"
for command in extract ics build serve; do
  echo ".SS itkal $command"
  echo ".nf"
  # roff: a backslash is \e, and a line starting with . or ' is a request unless escaped.
  "$itkal" "$command" --help | sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
  echo ".fi"
done
cat <<FILES
[FILES]
.TP
.I $2/itkal/itkal.json
The configuration used when neither \\-\\-config nor \$ITKAL_CONFIG names one and there is no
\\&./feeds/itkal.json.
.TP
.I $3/itkal/organizers.json
The organizer directory used when the configuration names none and none is beside it.
.TP
.I $4
The packaged service's inbox and output (the itkal-build.timer and itkal-serve.service units).
FILES
