package dev.myelin.isa.codec;

import dev.myelin.isa.format.CoreSectionDescriptor;
import dev.myelin.isa.format.CrossbarDescriptor;
import dev.myelin.isa.format.DenseRowDescriptor;
import dev.myelin.isa.format.LoihiNeuronDescriptor;
import dev.myelin.isa.format.SparseRowDescriptor;
import dev.myelin.isa.format.SynapseFormatDescriptor;
import dev.myelin.isa.format.TargetDescriptor;
import dev.myelin.isa.format.TrueNorthNeuronDescriptor;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;

import static dev.myelin.isa.format.CoreSectionDescriptor.*;

/** Writes the payload of one CORE section ({@link CoreSectionDescriptor}). */
final class CoreSectionWriter {
    private final NbinOut out;

    CoreSectionWriter(NbinOut out) {
        this.out = out;
    }

    void write(CoreImage c) {
        NbinWriter.writeCoreRef(out, c.id());
        int input = c.input() ? DATAPATH_INPUT : 0;
        out.put(DATAPATH, c.neurons() instanceof TrueNorthNeurons n
                ? packDatapath(DATAPATH_TRUENORTH, input | (n.negativeThreshold() == NegativeThreshold.INCLUSIVE
                        ? DATAPATH_TN_NEGATIVE_INCLUSIVE : 0))
                : packDatapath(DATAPATH_LOIHI, input | (((LoihiNeurons) c.neurons()).extended()
                        ? DATAPATH_LOIHI_COMPARTMENTS : 0)
                        | (c.synapses() instanceof SparseRows s && s.dense() ? DATAPATH_LOIHI_DENSE : 0)));
        out.put(AXONS, c.axonCount());
        out.put(NEURONS, c.neuronCount());
        out.put(SYNAPSES, c.synapses().synapseCount());
        out.put(TARGETS, c.targets().count());
        out.put(FORMATS, c.formats().size());
        out.put(DECAY_MODE, c.neurons() instanceof LoihiNeurons l ? l.decayMode() : 0);
        out.put(LEARNING_BYTES, c.learning().length);
        out.path.push("axon", 0);
        for (int a = 0; a < c.axonCount(); a++) {
            out.path.index(a);
            out.put(AXON_TYPE, c.axonType()[a]);
        }
        out.path.pop();
        writeFormats(c);
        if (c.neurons() instanceof TrueNorthNeurons n) {
            writeTrueNorth(n);
        } else {
            writeLoihi((LoihiNeurons) c.neurons());
        }
        if (c.synapses() instanceof Crossbar x) {
            writeCrossbar(x);
        } else if (((SparseRows) c.synapses()).dense()) {
            writeDense((SparseRows) c.synapses());
        } else {
            writeSparse((SparseRows) c.synapses());
        }
        writeTargets(c.targets());
        writeLearning(c);
    }

    /**
     * The learning section, field by field when it decodes (so the hex dump names each field);
     * bytes that do not decode are written as they are, and the reader refuses them.
     */
    private void writeLearning(CoreImage c) {
        if (c.learning().length == 0) {
            return;
        }
        dev.myelin.isa.learn.LearningConfig l;
        try {
            l = LearningCodec.decode(c.learning(), c.axonCount());
        } catch (dev.myelin.isa.diag.MyelinInputException e) {
            out.putBytes("learning", c.learning());
            return;
        }
        out.path.push("learning");
        LearningCodec.write(l, out);
        out.path.pop();
    }

    private void writeFormats(CoreImage c) {
        out.path.push("format", 0);
        for (int t = 0; t < c.formats().size(); t++) {
            out.path.index(t);
            SynapseFormat f = c.formats().get(t);
            out.put(SynapseFormatDescriptor.NUM_WEIGHT_BITS, f.numWeightBits());
            out.put(SynapseFormatDescriptor.WEIGHT_EXP, f.weightExp());
            out.put(SynapseFormatDescriptor.SIGN_MODE, f.signMode());
        }
        out.path.pop();
    }

    private void writeTrueNorth(TrueNorthNeurons n) {
        out.path.push("neuron", 0);
        for (int j = 0; j < n.n(); j++) {
            out.path.index(j);
            for (int g = 0; g < 4; g++) {
                out.put(TrueNorthNeuronDescriptor.WEIGHTS[g], n.weights()[4 * j + g]);
            }
            out.put(TrueNorthNeuronDescriptor.STOCHASTIC_SYNAPSE, n.stochasticSynapse()[j]);
            out.put(TrueNorthNeuronDescriptor.LEAK, n.leak()[j]);
            out.put(TrueNorthNeuronDescriptor.FLAGS, TrueNorthNeuronDescriptor.packFlags(n.stochasticLeak()[j],
                    n.leakReversal()[j], n.kappa()[j], n.resetMode()[j]));
            out.put(TrueNorthNeuronDescriptor.ALPHA, n.alpha()[j]);
            out.put(TrueNorthNeuronDescriptor.BETA, n.beta()[j]);
            out.put(TrueNorthNeuronDescriptor.THRESHOLD_MASK_BITS, n.thresholdMaskBits()[j]);
            out.put(TrueNorthNeuronDescriptor.RESET_V, n.resetV()[j]);
            out.put(TrueNorthNeuronDescriptor.V0, n.v0()[j]);
        }
        out.path.pop();
    }

    private void writeLoihi(LoihiNeurons n) {
        boolean extended = n.extended();
        out.path.push("neuron", 0);
        for (int j = 0; j < n.n(); j++) {
            out.path.index(j);
            out.put(LoihiNeuronDescriptor.DU, n.du()[j]);
            out.put(LoihiNeuronDescriptor.DV, n.dv()[j]);
            out.put(LoihiNeuronDescriptor.VTH, n.vth()[j]);
            out.put(LoihiNeuronDescriptor.BIAS_MANT, n.biasMant()[j]);
            out.put(LoihiNeuronDescriptor.BIAS_EXP, n.biasExp()[j]);
            out.put(LoihiNeuronDescriptor.U0, n.u0()[j]);
            out.put(LoihiNeuronDescriptor.V0, n.v0()[j]);
            if (extended) {
                out.put(LoihiNeuronDescriptor.REFRACTORY, n.refractory()[j]);
                out.put(LoihiNeuronDescriptor.JOIN, n.join()[j]);
            }
        }
        out.path.pop();
    }

    /** Each row re-packed from 64-bit words to bytes, neuron j at bit j % 8 of byte j / 8. */
    private void writeCrossbar(Crossbar x) {
        int rowBytes = (int) CrossbarDescriptor.rowBytes(x.neurons());
        byte[] row = new byte[rowBytes];
        out.path.push("axon", 0);
        for (int a = 0; a < x.axons(); a++) {
            out.path.index(a);
            for (int k = 0; k < rowBytes; k++) {
                row[k] = (byte) (x.bits()[a * x.wordsPerRow() + (k >>> 3)] >>> (8 * (k & 7)));
            }
            out.putBytes("row", row);
        }
        out.path.pop();
    }

    private void writeSparse(SparseRows s) {
        out.path.push("axon", 0);
        for (int a = 0; a < s.axons(); a++) {
            out.path.index(a);
            out.put(SparseRowDescriptor.LENGTH, s.rowLength(a));
            out.path.push("synapse", 0);
            for (int k = s.rowStart()[a]; k < s.rowStart()[a + 1]; k++) {
                out.path.index(k - s.rowStart()[a]);
                out.put(SparseRowDescriptor.POST, s.post()[k]);
                out.put(SparseRowDescriptor.WEIGHT, s.weight()[k]);
            }
            out.path.pop();
        }
        out.path.pop();
    }

    /** Dense rows: the validator has checked that each row lists every compartment in order. */
    private void writeDense(SparseRows s) {
        out.path.push("axon", 0);
        for (int a = 0; a < s.axons(); a++) {
            out.path.index(a);
            out.path.push("synapse", 0);
            for (int k = s.rowStart()[a]; k < s.rowStart()[a + 1]; k++) {
                out.path.index(k - s.rowStart()[a]);
                out.put(DenseRowDescriptor.WEIGHT, s.weight()[k]);
            }
            out.path.pop();
        }
        out.path.pop();
    }

    private void writeTargets(Targets t) {
        out.path.push("neuron", 0);
        for (int j = 0; j < t.neurons(); j++) {
            out.path.index(j);
            out.put(TARGET_COUNT, t.countOf(j));
        }
        out.path.pop();
        out.path.push("neuron", 0);
        out.path.push("target", 0);
        for (int j = 0; j < t.neurons(); j++) {
            for (int k = t.start()[j]; k < t.start()[j + 1]; k++) {
                out.path.pop();
                out.path.index(j);
                out.path.push("target", k - t.start()[j]);
                out.put(TargetDescriptor.DX, t.dx()[k]);
                out.put(TargetDescriptor.DY, t.dy()[k]);
                out.put(TargetDescriptor.SLOT, t.slot()[k]);
                out.put(TargetDescriptor.AXON, t.axon()[k]);
                out.put(TargetDescriptor.DELAY, t.delay()[k]);
            }
        }
        out.path.pop();
        out.path.pop();
    }
}
