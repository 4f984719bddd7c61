package dev.myelin.chip.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Output-port spikes of a run, kept as three growable primitive arrays (port, line, tick) in
 * emission order, and handed to listeners as they happen.
 */
final class OutputRecorder {
    private final String[] portNames;
    private final List<OutputListener> listeners = new ArrayList<>();
    private boolean collect = true;
    private int[] port = new int[256];
    private int[] line = new int[256];
    private long[] tick = new long[256];
    private int size;

    OutputRecorder(String[] portNames) {
        this.portNames = portNames;
    }

    void addListener(OutputListener l) {
        listeners.add(l);
    }

    void setCollect(boolean on) {
        collect = on;
    }

    void record(int p, int l, long t) {
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).spike(portNames[p], l, t);
        }
        if (!collect) {
            return;
        }
        if (size == port.length) {
            port = Arrays.copyOf(port, size * 2);
            line = Arrays.copyOf(line, size * 2);
            tick = Arrays.copyOf(tick, size * 2);
        }
        port[size] = p;
        line[size] = l;
        tick[size] = t;
        size++;
    }

    int size() {
        return size;
    }

    List<OutputSpike> spikes() {
        List<OutputSpike> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new OutputSpike(portNames[port[i]], line[i], tick[i]));
        }
        return out;
    }

    void clear() {
        size = 0;
    }
}
