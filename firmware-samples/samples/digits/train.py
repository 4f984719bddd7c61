#!/usr/bin/python3
"""Trains the digits classifier offline and converts it to a spiking network.

Reads digits.csv.gz (the 8 x 8 digits data set as scikit-learn ships it; DATA-LICENSE.md),
trains a 64-32-10 perceptron with ReLU, no biases and L2 weight decay on the first 1,500 digits, reports the
floating-point accuracy on the other 297, then converts it to integrate-and-fire neurons by
rate coding with weight and threshold normalisation, and writes:

  w1.csv, w2.csv         the normalised weights (mV; threshold 1 mV), pre x post matrices
  test_spikes.csv        the held-out digits as spike trains, one after the other (tick,index)
  test_labels.csv        their labels, one per presentation window (window,label)

Run with Debian's python3 (numpy; scikit-learn only to check the shipped copy of the data):
    /usr/bin/python3 firmware-samples/samples/digits/train.py
Everything is deterministic (a fixed seed, full-batch training), so a rerun writes the same files.
"""
import gzip
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
N_TRAIN = 1500          # the first 1,500 digits train, the last 297 are held out
HIDDEN = 32
EPOCHS = 300
LR = 0.01
DECAY = 0.001           # L2 weight decay
SEED = 1
PRESENT = 32            # ticks a digit is shown
GAP = 4                 # silent ticks after it, for the last spikes to reach the output
MAX_RATE = 1.0
PERCENTILE = 99.9       # activation percentile that becomes the threshold (normalisation)


def load():
    with gzip.open(os.path.join(HERE, "digits.csv.gz"), "rt") as f:
        rows = np.loadtxt(f, delimiter=",")
    x, y = rows[:, :64] / 16.0, rows[:, 64].astype(int)
    try:  # the shipped copy is the one scikit-learn installs
        from sklearn.datasets import load_digits
        d = load_digits()
        assert np.array_equal(d.data / 16.0, x) and np.array_equal(d.target, y), "digits.csv.gz differs"
    except ImportError:
        pass
    return x, y


def train(x, y):
    rng = np.random.default_rng(SEED)
    w1 = rng.normal(0, np.sqrt(2 / 64), (64, HIDDEN))
    w2 = rng.normal(0, np.sqrt(2 / HIDDEN), (HIDDEN, 10))
    onehot = np.eye(10)[y]
    params = [w1, w2]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    for epoch in range(1, EPOCHS + 1):
        h = np.maximum(0, x @ w1)
        o = h @ w2
        p = np.exp(o - o.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        go = (p - onehot) / len(x)
        g2 = h.T @ go
        g1 = x.T @ ((go @ w2.T) * (h > 0))
        g1, g2 = g1 + DECAY * w1, g2 + DECAY * w2
        for i, g in enumerate((g1, g2)):  # Adam
            m[i] = 0.9 * m[i] + 0.1 * g
            v[i] = 0.999 * v[i] + 0.001 * g * g
            params[i] -= LR * (m[i] / (1 - 0.9 ** epoch)) / (np.sqrt(v[i] / (1 - 0.999 ** epoch)) + 1e-8)
    return w1, w2


def accuracy(w1, w2, x, y):
    return float(np.mean(np.argmax(np.maximum(0, x @ w1) @ w2, axis=1) == y))


def normalise(w1, w2, x):
    """Data-based normalisation: each layer's weights scaled so that the PERCENTILE-th percentile
    of its activations on the training digits becomes one threshold (1 mV) per tick at full rate."""
    a1 = np.maximum(0, x @ w1)
    l1 = np.percentile(a1[a1 > 0], PERCENTILE)
    a2 = np.maximum(0, a1 @ w2)
    l2 = np.percentile(a2[a2 > 0], PERCENTILE)
    return w1 / l1, w2 * l1 / l2, l1, l2


def spikes(x):
    """Regular rate coding: pixel value p spikes in tick t of its window when
    floor((t + 1) r) > floor(t r), r = MAX_RATE x p; windows follow each other."""
    rows = []
    for n, img in enumerate(x):
        for t in range(PRESENT):
            for i, p in enumerate(img):
                r = MAX_RATE * p
                if int((t + 1) * r + 1e-9) > int(t * r + 1e-9):
                    rows.append((n * (PRESENT + GAP) + t, i))
    return rows


def main():
    x, y = load()
    xtr, ytr, xte, yte = x[:N_TRAIN], y[:N_TRAIN], x[N_TRAIN:], y[N_TRAIN:]
    w1, w2 = train(xtr, ytr)
    print(f"float accuracy: train {accuracy(w1, w2, xtr, ytr):.4f}, held out {accuracy(w1, w2, xte, yte):.4f}"
          f" ({int(round(accuracy(w1, w2, xte, yte) * len(yte)))}/{len(yte)})")
    n1, n2, l1, l2 = normalise(w1, w2, xtr)
    print(f"normalisation: hidden lambda {l1:.4f}, output lambda {l2:.4f}")
    np.savetxt(os.path.join(HERE, "w1.csv"), n1, fmt="%.5f", delimiter=",")
    np.savetxt(os.path.join(HERE, "w2.csv"), n2, fmt="%.5f", delimiter=",")
    rows = spikes(xte)
    with open(os.path.join(HERE, "test_spikes.csv"), "w") as f:
        f.write("tick,index\n")
        f.writelines(f"{t},{i}\n" for t, i in rows)
    with open(os.path.join(HERE, "test_labels.csv"), "w") as f:
        f.write("window,label\n")
        f.writelines(f"{n},{label}\n" for n, label in enumerate(yte))
    print(f"wrote w1.csv, w2.csv, test_spikes.csv ({len(rows)} spikes, {len(yte)} windows of"
          f" {PRESENT + GAP} ticks), test_labels.csv")


if __name__ == "__main__":
    sys.exit(main())
