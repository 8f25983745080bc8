#!/usr/bin/env bash
# Renders the grid worker's HTML answer for a sample flyer and takes a screenshot of it with
# headless Chromium (Debian's `chromium`; fonts-noto-cjk for the Chinese text).
#
#   scripts/screenshot-report.sh [FLYER.txt] [CITY] [OUT.png]
#
# Defaults: corpus/samples/scam-flyer.txt, 武汉, /tmp/fangfei-report.png. Prints the PNG's path.
set -euo pipefail
cd "$(dirname "$0")/.."
flyer=${1:-corpus/samples/scam-flyer.txt}
city=${2:-武汉}
out=${3:-/tmp/fangfei-report.png}
for tool in chromium; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y chromium fonts-noto-cjk" >&2; exit 2; }
done
html=$(mktemp --suffix=.html)
trap 'rm -f "$html"' EXIT
swift build -c release --product fangfei >/dev/null
# Exit status 1 means "flagged", which is what a scam flyer should be.
.build/release/fangfei check --report --city "$city" --format html "$flyer" > "$html" || [ $? -eq 1 ]
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,1500 \
  --screenshot="$out" "file://$html" 2>/dev/null
echo "$out"
