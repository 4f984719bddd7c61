#!/usr/bin/env bash
# Draws link-traffic.png of README.md from the description, so that it never goes stale: the
# packets each router sent on each of its links in 50 ticks of the loop. Run it from anywhere
# after changing net.yaml, and commit the PNG.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$root"

./myelin run firmware-samples/samples/synfire-chain/net.yaml --ticks 50 -q --plots "$tmp/plots" \
    --probe-file "$tmp/probes.csv" >/dev/null

cp "$tmp/plots/link-traffic.png" "$here/link-traffic.png"
ls "$here"/link-traffic.png
