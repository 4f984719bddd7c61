package dev.myelin.chip.learn;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;

/**
 * Measures a network's STDP window: for each spike-time difference dt, a fresh chip gets one
 * spike on line 0 of the pre port at {@code t_pre} and one on line 0 of the post port (which
 * makes the post neuron fire) at {@code t_pre + dt}; the change of the plastic synapse that line
 * 0 of the pre port drives, after the pairing has settled, is the window's value at dt.
 */
public final class PairingSweep {
    /** The first spike's tick: the chip starts quiet. */
    static final int START = 10;

    private PairingSweep() {
    }

    /**
     * @param settle ticks run after the later spike (the epoch's end must fall inside them)
     * @return the weight change per dt, in raw weight units (learning units / 2^weightFrac)
     */
    public static double[] run(NetworkImage img, String prePort, String postPort, int[] dts, long seed, int settle) {
        PortEntry pre = line0(img, prePort);
        line0(img, postPort);
        double[] dw = new double[dts.length];
        for (int i = 0; i < dts.length; i++) {
            int dt = dts[i];
            try (Chip chip = Chip.load(img, ChipOptions.defaults().withSeed(seed))) {
                int core = chip.layout().indexOf(pre.core());
                LearningCore l = chip.learning(core);
                if (l == null || !l.plastic(pre.index()) || l.rowStart(pre.index()) == l.rowStart(pre.index() + 1)) {
                    throw new MyelinInputException("line 0 of input port '" + prePort + "' does not drive a plastic"
                            + " synapse (core " + pre.core() + ", axon " + pre.index() + ")");
                }
                int k = l.rowStart(pre.index());
                long tPre = START + Math.max(0, -dt);
                chip.inject(prePort, 0, tPre);
                chip.inject(postPort, 0, tPre + dt);
                int before = l.weight(k);
                chip.run(tPre + Math.max(0, dt) + 1 + settle);
                dw[i] = (l.weight(k) - before) / (double) (1 << l.config().weightFrac());
            }
        }
        return dw;
    }

    private static PortEntry line0(NetworkImage img, String port) {
        for (Port p : img.inputs()) {
            if (p.name().equals(port)) {
                if (p.entries().isEmpty()) {
                    throw new MyelinInputException("input port '" + port + "' has no lines");
                }
                return p.entries().get(0);
            }
        }
        throw new MyelinInputException("no input port named '" + port + "' (ports: "
                + String.join(", ", img.inputs().stream().map(Port::name).toList()) + ")");
    }
}
