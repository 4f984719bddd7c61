package dev.myelin.compiler.ir;

/** An external input: lines that spike (a spike array or Poisson trains) or a constant current. */
public sealed interface InputSource {
    String name();

    String where();

    /** Lines of a spiking source. */
    int size();

    /** The lines' shape ({@code [size]}, or e.g. [rows, cols] for an image); empty for currents. */
    int[] shape();

    /** Explicit spikes: line {@code index[k]} spikes in tick {@code tick[k]}. */
    record SpikeArray(String name, int[] shape, int size, int[] tick, int[] index, String where)
            implements InputSource {
    }

    /** Independent Poisson trains at {@code rateHz}, see {@link dev.myelin.isa.spi.Stimulus.Poisson}. */
    record Poisson(String name, int[] shape, int size, double rateHz, long seed, String where) implements InputSource {
    }

    /**
     * A constant current into every neuron of a population; it becomes part of the neurons' bias.
     * {@code amplitude} is in nA (lif, cuba_lif), mV per tick (if) or raw bias units (raw models).
     */
    record Current(String name, String target, double amplitude, String where) implements InputSource {
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
