package dev.myelin.chip.sim;

import dev.myelin.chip.core.CounterSet;

/** {@link EmittedSpikes} over the cores' packet buffers of the current tick. */
final class TickSpikes implements EmittedSpikes {
    private final CoreRuntime[] cores;
    private final CounterSet tickCounts;
    /** The engine's involved cores (the only ones that may have sent), or null: every core may have. */
    private final CoreActivity activity;
    private final WorkerPool pool;

    TickSpikes(CoreRuntime[] cores, CounterSet tickCounts, CoreActivity activity, WorkerPool pool) {
        this.cores = cores;
        this.pool = pool;
        this.tickCounts = tickCounts;
        this.activity = activity;
    }

    @Override
    public int nextSender(int core) {
        return activity == null ? core : activity.nextInvolved(core);
    }

    @Override
    public int cores() {
        return cores.length;
    }

    @Override
    public int packets(int core) {
        return cores[core].packets;
    }

    @Override
    public int sourceNeuron(int core, int k) {
        return cores[core].packetSource[k];
    }

    @Override
    public int targetCore(int core, int k) {
        return CoreRuntime.packedCore(cores[core].packet[k]);
    }

    @Override
    public int targetAxon(int core, int k) {
        return CoreRuntime.packedAxon(cores[core].packet[k]);
    }

    @Override
    public int delay(int core, int k) {
        return CoreRuntime.packedDelay(cores[core].packet[k]);
    }

    @Override
    public boolean plansMessages() {
        return true;
    }

    @Override
    public boolean messagePerPacket(int core) {
        return cores[core].messagePerPacket;
    }

    @Override
    public int firedNeurons(int core) {
        return cores[core].firedCount;
    }

    @Override
    public int firedNeuron(int core, int i) {
        return cores[core].fired[i];
    }

    @Override
    public int messages(int core, int neuron) {
        return cores[core].messages(neuron);
    }

    @Override
    public int messageCore(int core, int neuron, int m) {
        return cores[core].messageCore(neuron, m);
    }

    @Override
    public int workers() {
        return pool.threads();
    }

    @Override
    public void forEachPart(int parts, java.util.function.IntConsumer part) {
        pool.forEach(parts, part);
    }

    @Override
    public CounterSet tickCounters() {
        return tickCounts;
    }
}
