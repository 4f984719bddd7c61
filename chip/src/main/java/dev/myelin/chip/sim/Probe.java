package dev.myelin.chip.sim;

import dev.myelin.isa.model.CoreId;

import java.util.Arrays;

/**
 * Records the state of one neuron after every tick from the tick it was attached on: V, and
 * U for datapaths with a synaptic current (0 otherwise). Values are those after the neuron
 * update of the tick (after reset). Grows by doubling; no allocation per tick otherwise.
 */
public final class Probe {
    private final String label;
    private final int core;
    private final CoreId coreId;
    private final int neuron;
    private long firstTick;
    private int[] v = new int[64];
    private int[] u = new int[64];
    private int size;

    Probe(String label, int core, CoreId coreId, int neuron, long firstTick) {
        this.label = label;
        this.core = core;
        this.coreId = coreId;
        this.neuron = neuron;
        this.firstTick = firstTick;
    }

    void record(int vv, int uu) {
        if (size == v.length) {
            v = Arrays.copyOf(v, size * 2);
            u = Arrays.copyOf(u, size * 2);
        }
        v[size] = vv;
        u[size] = uu;
        size++;
    }

    /**
     * Forgets the values recorded so far, for consumers that stream them out each tick: the next
     * value recorded belongs to the tick after the last one forgotten, and memory stays bounded
     * however long the run.
     */
    public void clear() {
        firstTick += size;
        size = 0;
    }

    /** What was probed: {@code population[index]} or {@code core(x,y,s).neuron}. */
    public String label() {
        return label;
    }

    /** Core index in the chip's layout. */
    public int core() {
        return core;
    }

    public CoreId coreId() {
        return coreId;
    }

    public int neuron() {
        return neuron;
    }

    /** The tick of the first recorded value. */
    public long firstTick() {
        return firstTick;
    }

    /** Ticks recorded. */
    public int ticks() {
        return size;
    }

    /** V after tick {@code firstTick() + i}. */
    public int v(int i) {
        return v[check(i)];
    }

    /** U after tick {@code firstTick() + i}. */
    public int u(int i) {
        return u[check(i)];
    }

    public int[] vTrace() {
        return Arrays.copyOf(v, size);
    }

    public int[] uTrace() {
        return Arrays.copyOf(u, size);
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("probe " + label + ": tick index " + i + " of " + size);
        }
        return i;
    }
}
