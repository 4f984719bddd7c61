#!/usr/bin/env bash
# Draws link-traffic.png of README.md from the description, so that it never goes stale: the
# packets each router sent on each link in 20 ticks (the same in both timing modes: a packet
# takes its XY path whether or not it waits). Run it from anywhere after
# changing net.yaml or mesh8.yaml, and commit the PNG.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$root"

./myelin run firmware-samples/samples/noc-stress/net.yaml --ticks 20 -q --plots "$tmp/plots" \
    --probe-file "$tmp/probes.csv" >/dev/null

cp "$tmp/plots/link-traffic.png" "$here/link-traffic.png"
ls "$here"/link-traffic.png
