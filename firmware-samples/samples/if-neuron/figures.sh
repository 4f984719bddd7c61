#!/usr/bin/env bash
# Draws the membrane traces of README.md from the description, so that they never go stale:
# trace-loihi.png (the compiled neuron on the loihi preset, in mV, with its threshold) and
# trace-truenorth.png (the same description compiled for truenorth, where the decay becomes a
# constant leak). Run it from anywhere after changing net.yaml, and commit the PNGs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$root"

./myelin run firmware-samples/samples/if-neuron/net.yaml --ticks 500 -q --plots "$tmp/loihi" --plot-ticks 0:499 \
    --probe-file "$tmp/loihi.csv" >/dev/null
./myelin run firmware-samples/samples/if-neuron/net.yaml --arch truenorth --ticks 500 -q --plots "$tmp/truenorth" \
    --plot-ticks 0:499 --probe-file "$tmp/truenorth.csv" >/dev/null 2>&1

cp "$tmp/loihi/potentials.png" "$here/trace-loihi.png"
cp "$tmp/truenorth/potentials.png" "$here/trace-truenorth.png"
ls "$here"/trace-*.png
