#!/usr/bin/env bash
# One command from a fresh Debian machine (root, Python 3.11): the Debian packages,
# the project's virtual environment .venv/ with the `cchc` command, then the main job
# on corpus/: every shipped document into outputs/cchc.db, and a sample search.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: the browser the browse page's end-to-end test drives (never downloaded by a tool)
DEBIAN_PACKAGES="tesseract-ocr tesseract-ocr-vie fonts-dejavu-core chromium"
missing=""
for package in $DEBIAN_PACKAGES; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "== installing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq $missing >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  python3 -m venv .venv
fi
echo "== installing the cchc package into .venv"
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -m pip install -q -e '.[test,cluster]' 2>&1 | grep -v "^WARNING: Location" || true

echo "== the main job: corpus/ into outputs/cchc.db"
mkdir -p outputs
.venv/bin/cchc ingest corpus/docs --db outputs/cchc.db
echo "== database: $(pwd)/outputs/cchc.db"
echo "== sample search: cchc search 'kiem tra cai cach hanh chinh' --db outputs/cchc.db"
.venv/bin/cchc search "kiem tra cai cach hanh chinh" --db outputs/cchc.db --limit 3
