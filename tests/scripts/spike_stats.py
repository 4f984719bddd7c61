#!/usr/bin/python3
"""Firing rate and inter-spike-interval statistics of a spikes CSV.

Reads the CSV that `myelin run --spikes FILE` writes (rows tick,population,index) or the one
brian2_cuba.py writes with --spikes (the same columns, time in ticks of --dt), and prints per
population and for all neurons together: spikes, mean rate, the mean over neurons of the ISI
coefficient of variation (neurons with at least 3 spikes), and a synchrony check: the
coefficient of variation of the population's spike counts in 10 ms bins (near 0 for
asynchronous activity, large when the neurons fire in volleys).

    /usr/bin/python3 tests/scripts/spike_stats.py SPIKES.csv --ticks 10000 --dt-ms 1 \
        --sizes exc=3200,inh=800 [--from-tick 0]
"""
import argparse
import csv
import math
import sys
from collections import defaultdict


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv")
    ap.add_argument("--ticks", type=int, required=True, help="end of the window (ticks the run lasted)")
    ap.add_argument("--dt-ms", type=float, default=1.0, help="length of a tick in ms")
    ap.add_argument("--sizes", required=True, help="population sizes, NAME=N,NAME=N")
    ap.add_argument("--from-tick", type=int, default=0, help="ignore spikes before this tick (transient)")
    a = ap.parse_args(argv)
    sizes = {k: int(v) for k, v in (p.split("=") for p in a.sizes.split(","))}
    trains = defaultdict(list)  # (population, index) -> ticks
    with open(a.csv, newline="") as f:
        rows = csv.reader(l for l in f if not l.startswith("#"))
        header = next(rows)
        if header[:3] != ["tick", "population", "index"]:
            sys.exit("expected a header tick,population,index, got %s" % header)
        for tick, pop, idx in rows:
            t = int(tick)
            if a.from_tick <= t < a.ticks:
                trains[(pop, int(idx))].append(t)
    seconds = (a.ticks - a.from_tick) * a.dt_ms / 1000.0
    bins = max(1, int(round((a.ticks - a.from_tick) * a.dt_ms / 10.0)))
    print("window: ticks %d..%d (%.3f s of model time)" % (a.from_tick, a.ticks, seconds))
    print("%-6s %9s %9s %9s %9s %9s" % ("pop", "neurons", "spikes", "rate_Hz", "isi_cv", "pop_cv10"))
    groups = [(p, [p]) for p in sizes] + [("all", list(sizes))]
    for name, pops in groups:
        n = sum(sizes[p] for p in pops)
        spikes, cvs, hist = 0, [], [0] * bins
        for (p, _), ts in trains.items():
            if p not in pops:
                continue
            spikes += len(ts)
            for t in ts:
                hist[min(bins - 1, int((t - a.from_tick) * a.dt_ms / 10.0))] += 1
            if len(ts) >= 3:
                isi = [b - c for b, c in zip(ts[1:], ts[:-1])]
                m = sum(isi) / len(isi)
                sd = math.sqrt(sum((x - m) ** 2 for x in isi) / len(isi))
                cvs.append(sd / m)
        hm = sum(hist) / bins
        hsd = math.sqrt(sum((x - hm) ** 2 for x in hist) / bins)
        print("%-6s %9d %9d %9.3f %9.3f %9.3f" % (name, n, spikes, spikes / n / seconds,
              sum(cvs) / len(cvs) if cvs else float("nan"), hsd / hm if hm else float("nan")))


if __name__ == "__main__":
    main()
