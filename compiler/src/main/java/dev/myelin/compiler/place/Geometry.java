package dev.myelin.compiler.place;

import java.util.Arrays;

/** Hop distances and traffic costs for positions {@code (y * width + x) * cpr + slot}. */
final class Geometry {
    final int width;
    final int cpr;

    Geometry(int width, int cpr) {
        this.width = width;
        this.cpr = cpr;
    }

    int x(int p) {
        return (p / cpr) % width;
    }

    int y(int p) {
        return (p / cpr) / width;
    }

    /** Router hops between two positions (0 within one router). */
    int hops(int a, int b) {
        return Math.abs(x(a) - x(b)) + Math.abs(y(a) - y(b));
    }

    double cost(Traffic t, int[] pos) {
        double c = 0;
        for (int e = 0; e < t.edgeA().length; e++) {
            c += t.rate()[e] * hops(pos[t.edgeA()[e]], pos[t.edgeB()[e]]);
        }
        return c;
    }

    /** Cost change if slice c alone moved to q. */
    double moveDelta(Traffic t, int[] pos, int c, int q) {
        return moveDeltaExcluding(t, pos, c, q, -1);
    }

    /** Cost change if slice o moved to q, ignoring its edges to {@code skip} (whose distance a swap keeps). */
    double moveDeltaExcluding(Traffic t, int[] pos, int o, int q, int skip) {
        double d = 0;
        for (int e = t.adjStart()[o]; e < t.adjStart()[o + 1]; e++) {
            if (t.adjOther()[e] == skip) {
                continue;
            }
            int n = pos[t.adjOther()[e]];
            d += t.adjRate()[e] * (hops(q, n) - hops(pos[o], n));
        }
        return d;
    }

    /** The part of {@link #moveDelta}(c, q) due to c's edges to o (which a swap leaves unchanged). */
    double moveDeltaExcludingSelf(Traffic t, int[] pos, int c, int q, int o) {
        double d = 0;
        for (int e = t.adjStart()[c]; e < t.adjStart()[c + 1]; e++) {
            if (t.adjOther()[e] == o) {
                d += t.adjRate()[e] * (hops(q, pos[o]) - hops(pos[c], pos[o]));
            }
        }
        return d;
    }

    /** The router (x, y) minimising the weighted Manhattan distance to c's neighbours. */
    int[] weightedMedian(Traffic t, int[] pos, int c) {
        int n = t.adjStart()[c + 1] - t.adjStart()[c];
        long[] xs = new long[n];
        long[] ys = new long[n];
        double total = 0;
        for (int k = 0; k < n; k++) {
            int e = t.adjStart()[c] + k;
            total += t.adjRate()[e];
        }
        for (int k = 0; k < n; k++) {
            int e = t.adjStart()[c] + k;
            int p = pos[t.adjOther()[e]];
            long wq = (long) Math.round(t.adjRate()[e] / Math.max(total, 1e-300) * (1 << 20));
            xs[k] = (long) x(p) << 32 | wq;
            ys[k] = (long) y(p) << 32 | wq;
        }
        return new int[] {median(xs), median(ys)};
    }

    /** Weighted median of values packed as value &lt;&lt; 32 | weight. */
    private static int median(long[] packed) {
        Arrays.sort(packed);
        long total = 0;
        for (long v : packed) {
            total += v & 0xffffffffL;
        }
        long acc = 0;
        for (long v : packed) {
            acc += v & 0xffffffffL;
            if (2 * acc >= total) {
                return (int) (v >>> 32);
            }
        }
        return packed.length == 0 ? 0 : (int) (packed[packed.length - 1] >>> 32);
    }
}
