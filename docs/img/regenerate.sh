#!/usr/bin/env bash
# Regenerates every picture in docs/img from the repository, so that they never go stale:
# runs the demo's sample as `./myelin demo` does (1,000 ticks, the description's seeds and
# probes) with --plots, then replaces docs/img/*.png with exactly the pictures it drew.
# Run it from anywhere after changing what the pictures show, and commit the PNGs.
# RegenerateScriptTest runs the ./myelin command below and checks what it draws.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

./myelin run firmware-samples/samples/demo/net.yaml --ticks 1000 -q --plots "$tmp/img" --probe-file "$tmp/probes.csv"

rm -f docs/img/*.png
cp "$tmp/img"/*.png docs/img/
ls docs/img/*.png
