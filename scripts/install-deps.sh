#!/usr/bin/env bash
# Installs the Debian 12 packages itkal needs to build, test and run, skipping what is present.
# Runs as root (or with sudo available). Everything comes from Debian's archive or npm.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libboost-date-time-dev libical-dev libpoco-dev libxml2-dev
  libgtest-dev googletest libbenchmark-dev
  python3 python3-icalendar
  clang libclang-rt-14-dev
  nginx-light wrk curl chromium
  help2man lintian systemd
  libcurl4-openssl-dev dovecot-imapd dovecot-pop3d openssl libssl-dev
  libpoppler-cpp-dev
)
# Node.js: keep one that is already there (it may come from another source than Debian).
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# A service started by the package is not ours to keep running.
for service in nginx dovecot; do
  if [ -n "$(command -v systemctl)" ] && systemctl is-active --quiet "$service" 2>/dev/null; then
    $SUDO systemctl stop "$service" || true
  fi
done
