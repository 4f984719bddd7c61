package dev.myelin.isa.model;

import java.util.Arrays;
import java.util.List;

/** Value equality of images (the records hold arrays, whose {@code equals} is identity). */
public final class Images {
    private Images() {
    }

    /** True when both images have equal architectures, flags, cores, ports and symbols. */
    public static boolean equal(NetworkImage a, NetworkImage b) {
        if (!a.arch().equals(b.arch()) || a.flags() != b.flags() || a.cores().size() != b.cores().size()
                || Double.doubleToRawLongBits(a.dtMs()) != Double.doubleToRawLongBits(b.dtMs())
                || !a.inputs().equals(b.inputs()) || !a.outputs().equals(b.outputs())
                || !a.symbols().equals(b.symbols())) {
            return false;
        }
        for (int i = 0; i < a.cores().size(); i++) {
            if (!equal(a.cores().get(i), b.cores().get(i))) {
                return false;
            }
        }
        return true;
    }

    public static boolean equal(CoreImage a, CoreImage b) {
        return a.id().equals(b.id()) && Arrays.equals(a.axonType(), b.axonType())
                && equal(a.neurons(), b.neurons()) && equal(a.synapses(), b.synapses())
                && a.formats().equals(b.formats()) && equal(a.targets(), b.targets())
                && Arrays.equals(a.learning(), b.learning()) && a.input() == b.input();
    }

    public static boolean equal(NeuronParams a, NeuronParams b) {
        if (a instanceof TrueNorthNeurons x && b instanceof TrueNorthNeurons y) {
            return x.n() == y.n() && x.negativeThreshold() == y.negativeThreshold()
                    && same(List.of(x.weights(), x.stochasticSynapse(), x.leak(), x.stochasticLeak(),
                    x.leakReversal(), x.alpha(), x.beta(), x.thresholdMaskBits(), x.resetMode(), x.kappa(),
                    x.resetV(), x.v0()), List.of(y.weights(), y.stochasticSynapse(), y.leak(), y.stochasticLeak(),
                    y.leakReversal(), y.alpha(), y.beta(), y.thresholdMaskBits(), y.resetMode(), y.kappa(),
                    y.resetV(), y.v0()));
        }
        if (a instanceof LoihiNeurons x && b instanceof LoihiNeurons y) {
            return x.n() == y.n() && x.decayMode() == y.decayMode()
                    && same(List.of(x.du(), x.dv(), x.vth(), x.biasMant(), x.biasExp(), x.u0(), x.v0()),
                    List.of(y.du(), y.dv(), y.vth(), y.biasMant(), y.biasExp(), y.u0(), y.v0()));
        }
        return false;
    }

    public static boolean equal(SynapseMemory a, SynapseMemory b) {
        if (a instanceof Crossbar x && b instanceof Crossbar y) {
            return x.axons() == y.axons() && x.neurons() == y.neurons() && Arrays.equals(x.bits(), y.bits());
        }
        if (a instanceof SparseRows x && b instanceof SparseRows y) {
            return x.axons() == y.axons() && Arrays.equals(x.rowStart(), y.rowStart())
                    && Arrays.equals(x.post(), y.post()) && Arrays.equals(x.weight(), y.weight());
        }
        return false;
    }

    public static boolean equal(Targets a, Targets b) {
        return same(List.of(a.start(), a.dx(), a.dy(), a.slot(), a.axon(), a.delay()),
                List.of(b.start(), b.dx(), b.dy(), b.slot(), b.axon(), b.delay()));
    }

    private static boolean same(List<int[]> a, List<int[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
