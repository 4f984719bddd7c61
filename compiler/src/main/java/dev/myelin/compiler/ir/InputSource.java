package dev.myelin.compiler.ir;

import java.util.Map;

/** An external input: lines that spike (a spike array or Poisson trains) or a constant current. */
public sealed interface InputSource {
    String name();

    String where();

    /** Where its keys were written (`name`, `target`, ...; {@link KeyWhere}). */
    Map<String, String> keyWhere();

    /** Where the first written of {@code keys} is, else {@link #where()}. */
    default String whereOf(String... keys) {
        return KeyWhere.first(keyWhere(), where(), keys);
    }

    /** Lines of a spiking source. */
    int size();

    /** The lines' shape ({@code [size]}, or e.g. [rows, cols] for an image); empty for currents. */
    int[] shape();

    /** Explicit spikes: line {@code index[k]} spikes in tick {@code tick[k]}. */
    record SpikeArray(String name, int[] shape, int size, int[] tick, int[] index, String where,
                      Map<String, String> keyWhere) implements InputSource {
        public SpikeArray {
            keyWhere = Map.copyOf(keyWhere);
        }

        public SpikeArray(String name, int[] shape, int size, int[] tick, int[] index, String where) {
            this(name, shape, size, tick, index, where, Map.of());
        }
    }

    /** Independent Poisson trains at {@code rateHz}, see {@link dev.myelin.isa.spi.Stimulus.Poisson}. */
    record Poisson(String name, int[] shape, int size, double rateHz, long seed, String where,
                   Map<String, String> keyWhere) implements InputSource {
        public Poisson {
            keyWhere = Map.copyOf(keyWhere);
        }

        public Poisson(String name, int[] shape, int size, double rateHz, long seed, String where) {
            this(name, shape, size, rateHz, seed, where, Map.of());
        }
    }

    /**
     * A constant current into every neuron of a population; it becomes part of the neurons' bias.
     * {@code amplitude} is in nA (lif, cuba_lif), mV per tick (if) or raw bias units (raw models).
     */
    record Current(String name, String target, double amplitude, String where, Map<String, String> keyWhere)
            implements InputSource {
        public Current {
            keyWhere = Map.copyOf(keyWhere);
        }

        public Current(String name, String target, double amplitude, String where) {
            this(name, target, amplitude, where, Map.of());
        }

        @Override
        public int size() {
            return 0;
        }

        @Override
        public int[] shape() {
            return new int[0];
        }
    }
}
