#!/usr/bin/env python3
"""Writes afferents.csv and clock.csv for the delay-learning sample (README.md).

Every 100 ticks, from tick 10: afferent i fires at offset OFFSETS[i], the clock (the reference
the arrivals learn to meet) at offset CLOCK. 20 repetitions.
"""
PERIOD, START, CLOCK, REPEATS = 100, 10, 10, 20
OFFSETS = [0, 3, 5, 8]

with open("afferents.csv", "w") as f:
    f.write("tick,index\n")
    for k in range(REPEATS):
        for i, o in enumerate(OFFSETS):
            f.write(f"{START + PERIOD * k + o},{i}\n")
with open("clock.csv", "w") as f:
    f.write("tick,index\n")
    for k in range(REPEATS):
        f.write(f"{START + PERIOD * k + CLOCK},0\n")
