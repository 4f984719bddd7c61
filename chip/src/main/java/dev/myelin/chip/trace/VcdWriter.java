package dev.myelin.chip.trace;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a Value Change Dump (IEEE 1364) for GTKWave: one scope per core (1-bit spike wires,
 * signed 32-bit potentials) and one for the network (router FIFO occupancy). Declare
 * variables, {@link #begin}, then per tick {@link #set} values; only changes are written.
 * Time is model time: tick k starts at k x dt, in the coarsest VCD timescale (1, 10 or 100 of
 * s, ms, us, ns, ps, fs) that holds dt exactly ({@link Timescale}). {@code #0} precedes the
 * initial values (vcd2fst drops values written before the first time stamp).
 */
public final class VcdWriter {
    private final AtomicStream out;
    private final Timescale timescale;
    private final long stepsPerTick;
    private final List<String> scopes = new ArrayList<>();
    private final List<List<String>> declarations = new ArrayList<>();
    private int vars;
    private int[] width = new int[64];
    private long[] value = new long[64];
    private static final byte PULSED = 1;
    private static final byte PENDING_FALL = 2;
    /** Per variable: 0, {@link #PULSED} this tick, or {@link #PENDING_FALL} (pulsed last tick). */
    private byte[] pulse = new byte[64];
    private int[] pulsed = new int[64];
    private int pulsedCount;
    private boolean begun;
    private long lastTime = -1;
    private final StringBuilder line = new StringBuilder(64);

    /** The VCD time unit for a dt and how many units one tick spans. */
    public record Timescale(String unit, long stepsPerTick) {
        private static final String[] UNITS = {"s", "ms", "us", "ns", "ps", "fs"};

        /**
         * The coarsest of 100 s .. 1 fs in which {@code dtMs} is a whole number of units (within
         * 10^-6 of a unit, for binary rounding); a dt no unit holds exactly is rounded to whole
         * femtoseconds.
         */
        public static Timescale of(double dtMs) {
            double dtS = dtMs / 1e3;
            for (int u = 0; u < UNITS.length; u++) {
                for (int m = 100; m >= 1; m /= 10) {
                    double unitS = m * Math.pow(10, -3 * u);
                    double steps = dtS / unitS;
                    long whole = Math.round(steps);
                    if (whole >= 1 && Math.abs(steps - whole) <= 1e-6) {
                        return new Timescale(m + " " + UNITS[u], whole);
                    }
                }
            }
            return new Timescale("1 fs", Math.max(1, Math.round(dtS * 1e15)));
        }
    }

    /** @param dtMs model time of one tick, ms */
    public VcdWriter(Path target, double dtMs) {
        this.out = new AtomicStream(target);
        this.timescale = Timescale.of(dtMs);
        this.stepsPerTick = timescale.stepsPerTick();
    }

    public Timescale timescale() {
        return timescale;
    }

    /** Opens a new scope (module) and returns its number. */
    public int scope(String name) {
        requireNotBegun();
        scopes.add(sanitize(name));
        declarations.add(new ArrayList<>());
        return scopes.size() - 1;
    }

    /** A 1-bit wire in {@code scope}; returns its variable number. */
    public int wire(int scope, String name) {
        return declare(scope, "wire", 1, name);
    }

    /** A signed integer of {@code bits} (2..64) in {@code scope}, written in two's complement. */
    public int integer(int scope, String name, int bits) {
        return declare(scope, "integer", bits, name);
    }

    /** A real (IEEE-754 double) variable in {@code scope}; set it with {@link #setReal}. */
    public int real(int scope, String name) {
        return declare(scope, "real", REAL, name);
    }

    /** Width marker of real variables. */
    private static final int REAL = -1;

    private int declare(int scope, String kind, int bits, String name) {
        requireNotBegun();
        if (vars == width.length) {
            width = Arrays.copyOf(width, vars * 2);
            value = Arrays.copyOf(value, vars * 2);
            pulse = Arrays.copyOf(pulse, vars * 2);
            pulsed = Arrays.copyOf(pulsed, vars * 2);
        }
        width[vars] = bits;
        if (bits == REAL) {
            value[vars] = Double.doubleToRawLongBits(0.0);
        }
        declarations.get(scope).add("$var " + kind + " " + (bits == REAL ? 64 : bits) + " " + id(vars) + " "
                + sanitize(name) + " $end");
        return vars++;
    }

    /** Writes the header, {@code #0} and every variable's initial value (0). */
    public void begin(String version, String comment) {
        requireNotBegun();
        begun = true;
        out.write("$date\n  " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + "\n$end\n");
        out.write("$version\n  " + version + "\n$end\n");
        out.write("$comment\n  " + comment.replace("$end", "") + "\n$end\n");
        out.write("$timescale " + timescale.unit() + " $end\n");
        for (int s = 0; s < scopes.size(); s++) {
            out.write("$scope module " + scopes.get(s) + " $end\n");
            for (String d : declarations.get(s)) {
                out.write(d).write("\n");
            }
            out.write("$upscope $end\n");
        }
        out.write("$enddefinitions $end\n#0\n$dumpvars\n");
        for (int v = 0; v < vars; v++) {
            emit(v);
        }
        out.write("$end\n");
        lastTime = 0;
    }

    /** Sets variable {@code v} at tick {@code tick}; written only if it changed. Ticks must not decrease. */
    public void set(long tick, int v, long newValue) {
        if (!begun) {
            throw new IllegalStateException("VCD: set before begin");
        }
        long t = tick * stepsPerTick;
        if (t < lastTime) {
            throw new IllegalStateException("VCD: time went back from " + lastTime + " to " + t);
        }
        if (value[v] == newValue) {
            return;
        }
        if (t != lastTime) {
            out.write("#").write(Long.toString(t)).write("\n");
            lastTime = t;
        }
        value[v] = newValue;
        emit(v);
    }

    /** Sets real variable {@code v} at tick {@code tick}; written only if it changed. */
    public void setReal(long tick, int v, double newValue) {
        set(tick, v, Double.doubleToRawLongBits(newValue));
    }

    /**
     * Raises spike wire {@code v} for one tick. A wire pulsed in consecutive ticks stays high
     * (no glitch at the boundary); it falls at the first tick it is not pulsed.
     */
    public void pulse(long tick, int v) {
        if (pulse[v] == PENDING_FALL) {
            pulse[v] = PULSED;
            return;
        }
        set(tick, v, 1);
        pulse[v] = PULSED;
        pulsed[pulsedCount++] = v;
    }

    /**
     * Starts tick {@code tick}: wires pulsed two ticks ago and not since fall at the previous
     * tick; wires pulsed in the previous tick fall now unless pulsed again. Call once per tick
     * before its values.
     */
    public void startTick(long tick) {
        int kept = 0;
        for (int i = 0; i < pulsedCount; i++) {
            int v = pulsed[i];
            if (pulse[v] == PENDING_FALL) {
                set(tick - 1, v, 0);
                pulse[v] = 0;
            } else {
                pulse[v] = PENDING_FALL;
                pulsed[kept++] = v;
            }
        }
        pulsedCount = kept;
    }

    private void emit(int v) {
        line.setLength(0);
        if (width[v] == REAL) {
            line.append('r').append(Double.toString(Double.longBitsToDouble(value[v]))).append(' ');
        } else if (width[v] == 1) {
            line.append(value[v] & 1);
        } else {
            line.append('b');
            String bits = Long.toBinaryString(value[v]);
            if (value[v] < 0 && width[v] < 64) {
                bits = bits.substring(64 - width[v]);
            }
            line.append(bits).append(' ');
        }
        line.append(id(v)).append('\n');
        out.write(line);
    }

    /** Publishes the file; the end time closes the last tick, and a partial run says so in a comment. */
    public void commit(long endTick, boolean partial) {
        if (begun) {
            startTick(endTick);
            startTick(endTick + 1);
            long t = Math.max(lastTime, endTick * stepsPerTick);
            if (t != lastTime) {
                out.write("#").write(Long.toString(t)).write("\n");
            }
            if (partial) {
                out.write("$comment partial run: stopped after tick " + endTick + " $end\n");
            }
        }
        out.commit();
    }

    public void abort() {
        out.abort();
    }

    private void requireNotBegun() {
        if (begun) {
            throw new IllegalStateException("VCD: declarations after begin");
        }
    }

    /** Identifier code: base-94 over the printable characters {@code !} .. {@code ~}. */
    static String id(int n) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.append((char) ('!' + n % 94));
            n /= 94;
        } while (n > 0);
        return sb.toString();
    }

    private static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9_\\[\\].]", "_");
    }
}
