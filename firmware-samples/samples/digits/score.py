#!/usr/bin/python3
"""Scores a run of the digits sample: reads the run's spikes CSV (tick,population,index) and
test_labels.csv, counts each output neuron's spikes in every digit's window of 36 ticks, and
takes the neuron with the most as the answer (a tie, or no spike at all, counts as wrong).
Standard library only:
    /usr/bin/python3 firmware-samples/samples/digits/score.py SPIKES.csv
"""
import csv
import os
import sys

WINDOW = 36  # ticks per digit: 32 shown + 4 silent (train.py's PRESENT + GAP)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "test_labels.csv")) as f:
        labels = [int(r["label"]) for r in csv.DictReader(f)]
    counts = [[0] * 10 for _ in labels]
    with open(argv[1]) as f:
        for r in csv.DictReader(f):
            w = int(r["tick"]) // WINDOW
            if r["population"] == "out" and w < len(labels):
                counts[w][int(r["index"])] += 1
    right = 0
    for c, label in zip(counts, labels):
        best = max(c)
        right += best > 0 and c.count(best) == 1 and c.index(best) == label
    print(f"spiking accuracy: {right}/{len(labels)} = {right / len(labels):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
