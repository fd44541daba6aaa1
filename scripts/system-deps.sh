#!/usr/bin/env bash
# Debian packages the tests need: Chromium (browser tests), LibreOffice Calc (recalculating the
# exported workbooks), CBC (the optimiser's second solver) and the PostgreSQL 15 server binaries
# (the store suite runs on a real server too). Installs only what is missing.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
command -v cbc >/dev/null 2>&1 || missing+=(coinor-cbc)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Cài gói hệ thống còn thiếu / installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "Cần quyền root để cài: apt-get install ${missing[*]}" >&2
  exit 1
fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
