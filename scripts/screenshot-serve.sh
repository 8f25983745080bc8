#!/usr/bin/env bash
# Starts `fangfei serve` on a free port, sends a sample flyer through the page's own form
# (POST /check: the photo corpus/samples/flyer-scam-clean.png when the server can read photos,
# otherwise the text corpus/samples/scam-flyer.txt), saves the answer page exactly as served and
# takes a phone-sized screenshot of it with headless Chromium (Debian's `chromium`, with
# fonts-noto-cjk for the Chinese text). The answer page is self-contained (inline CSS, system
# fonts), so the saved copy renders as it does on the phone. Also screenshots the form (GET /)
# next to it (OUT-form.png). Then stops the server with SIGTERM.
#
#   scripts/screenshot-serve.sh [OUT.png]          default /tmp/fangfei-serve.png
#
# Environment: CONFIG=release|debug (default release), SCRATCH=build folder (default .build),
# CITY (default 武汉), MODE=image|text (default: image when OCR is available), HEIGHT (default 915).
# Prints the PNG paths; fails unless the answer page is red.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/fangfei-serve.png}
config=${CONFIG:-release}
scratch=${SCRATCH:-.build}
city=${CITY:-武汉}
height=${HEIGHT:-915}
image=corpus/samples/flyer-scam-clean.png
text=corpus/samples/scam-flyer.txt
for tool in chromium curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y chromium fonts-noto-cjk curl" >&2; exit 2; }
done

swift build -c "$config" --scratch-path "$scratch" --product fangfei >/dev/null
bin="$scratch/$config/fangfei"

log=$(mktemp)
page=$(mktemp --suffix=.html)
"$bin" serve --host 127.0.0.1 --port 0 --city "$city" 2>"$log" &
pid=$!
cleanup() {
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$log" "$page"
}
trap cleanup EXIT

url=
for _ in $(seq 1 300); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$log" | head -n 1 || true)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "the server did not start:" >&2; cat "$log" >&2; exit 1; }

mode=${MODE:-}
if [ -z "$mode" ]; then
  if [ -f "$image" ] && curl -sf "${url}healthz" | grep -q '"ocr":true'; then mode=image; else mode=text; fi
fi
if [ "$mode" = image ]; then
  curl -sf -F "text=" -F "image=@$image;type=image/png" "${url}check" >"$page"
else
  curl -sf -F "text=<$text" "${url}check" >"$page"
fi
grep -q 'class="answer red"' "$page" || { echo "the answer for the sample is not red" >&2; exit 1; }

shot() {
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size="412,$height" \
    --screenshot="$1" "$2" >/dev/null 2>&1
}
shot "$out" "file://$page"
shot "${out%.png}-form.png" "$url"
echo "$out ($mode: the answer to POST /check)"
echo "${out%.png}-form.png (GET /)"
