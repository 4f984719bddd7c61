package dev.myelin.chip.energy;

import java.util.Arrays;

/**
 * End-of-tick barrier time as a function of the routers (tiles) in use: points
 * ({@code routers[i]}, {@code ns[i]}) with {@code routers} strictly increasing, linear
 * between points and flat beyond the ends. Because routers in use is an integer, a step
 * table is written as consecutive points ({@code 1: 600, 2: 1000, 3: 1000, 4: 1400}).
 */
public record SyncTable(int[] routers, double[] ns) {
    /** No barrier cost. */
    public static final SyncTable NONE = new SyncTable(new int[] {1}, new double[] {0});

    public SyncTable {
        if (routers.length == 0 || routers.length != ns.length) {
            throw new IllegalArgumentException("sync table needs as many times as router counts, at least one");
        }
        for (int i = 0; i < routers.length; i++) {
            if (routers[i] < 1 || (i > 0 && routers[i] <= routers[i - 1])) {
                throw new IllegalArgumentException("sync table router counts must be >= 1 and increasing, got "
                        + Arrays.toString(routers));
            }
            if (!(ns[i] >= 0) || Double.isInfinite(ns[i])) {
                throw new IllegalArgumentException("sync time " + ns[i] + " ns must be finite and >= 0");
            }
        }
        routers = routers.clone();
        ns = ns.clone();
    }

    /** Barrier time in ns with {@code inUse} routers taking part (0 when none is in use). */
    public double ns(int inUse) {
        if (inUse <= 0) {
            return 0;
        }
        if (inUse <= routers[0]) {
            return ns[0];
        }
        for (int i = 1; i < routers.length; i++) {
            if (inUse <= routers[i]) {
                double f = (double) (inUse - routers[i - 1]) / (routers[i] - routers[i - 1]);
                return ns[i - 1] + f * (ns[i] - ns[i - 1]);
            }
        }
        return ns[ns.length - 1];
    }

    @Override
    public int[] routers() {
        return routers.clone();
    }

    @Override
    public double[] ns() {
        return ns.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncTable t && Arrays.equals(routers, t.routers) && Arrays.equals(ns, t.ns);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(routers) * 31 + Arrays.hashCode(ns);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < routers.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(routers[i]).append(": ").append(ns[i]);
        }
        return sb.append('}').toString();
    }
}
