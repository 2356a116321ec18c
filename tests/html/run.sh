#!/usr/bin/env bash
# The exported HTML glossary in a real browser: headless Chromium opens the site from file://
# (no server), types a query through the page's own `#q=` hook, and the DOM it dumps must show
# exactly the concepts the query names; a screenshot is left in target/html-check/ to look at.
# Usage: tests/html/run.sh path/to/glossa   (run by .ci/run after installing Debian's chromium)
set -euo pipefail
glossa=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/target/html-check"
rm -rf "$out"
mkdir -p "$out"
cd "$root/tests/cmd/formats.in"
"$glossa" --config roundtrip.glossa.toml export html "$out/site" --title "House terms" 2>/dev/null
browser=$(command -v chromium || command -v chromium-browser)
run() { timeout 60 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2>/dev/null; }
fail=0
check() { # url, expected count line, concept ids that must be visible
  local url=$1 count=$2; shift 2
  local dom
  dom=$(run --dump-dom "$url")
  grep -q "id=\"count\">$count<" <<<"$dom" || { echo "FAIL $url: count is not '$count'"; grep -o 'id="count">[^<]*' <<<"$dom"; fail=1; }
  for id in "$@"; do
    grep -q "<section class=\"concept\" id=\"$id\" data-names=\"[^\"]*\">" <<<"$dom" \
      || { echo "FAIL $url: $id hidden"; fail=1; }
  done
  echo "ok $url → $count"
}
site="file://$out/site/index.html"
check "$site" "4 concepts" fine-tuning transfer-learning segment-anything-model whitelist
check "$site#q=sam" "1 of 4 concepts (by name)" segment-anything-model
check "$site#q=fine%20tunning" "1 of 4 concepts (by name)" fine-tuning
check "$site#q=promptable" "1 of 4 concepts (in the text)" segment-anything-model
# A category page links back to the concept's anchor on the index.
grep -q 'href="../index.html#segment-anything-model"' "$out/site/category/vision.html" \
  || { echo "FAIL category page link"; fail=1; }
run --window-size=1000,1200 --screenshot="$out/index.png" "$site#q=fine"
[ -s "$out/index.png" ] || { echo "FAIL no screenshot"; fail=1; }
echo "screenshot: $out/index.png"
exit $fail
