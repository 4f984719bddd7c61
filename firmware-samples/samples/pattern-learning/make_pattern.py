#!/usr/bin/env python3
"""Writes pattern.csv for the pattern-learning sample (deterministic: seed 12).

20 afferents. Every 200 ms a fixed 40 ms pattern repeats: afferent i fires once at offset
o_i (drawn once, 0..39 ms) after the pattern's start. Between and over the patterns each
afferent also fires at random, 5 Hz (Bernoulli per 1 ms tick), so that its mean rate (10 Hz)
matches the 20 noise afferents of net.yaml and only the timing tells the pattern apart.
"""
import random

AFFERENTS, PERIOD, WINDOW, TICKS, NOISE_P = 20, 200, 40, 20000, 0.005

rnd = random.Random(12)
offsets = [rnd.randrange(WINDOW) for _ in range(AFFERENTS)]
rows = set()
for start in range(0, TICKS, PERIOD):
    for i, o in enumerate(offsets):
        rows.add((start + o, i))
for t in range(TICKS):
    for i in range(AFFERENTS):
        if rnd.random() < NOISE_P:
            rows.add((t, i))
with open("pattern.csv", "w") as f:
    f.write("tick,index\n")
    for t, i in sorted(rows):
        f.write(f"{t},{i}\n")
print("offsets:", offsets)
