package dev.myelin.isa.codec;

import dev.myelin.isa.format.CoreRefDescriptor;
import dev.myelin.isa.format.CoreSectionDescriptor;
import dev.myelin.isa.format.CrossbarDescriptor;
import dev.myelin.isa.format.DenseRowDescriptor;
import dev.myelin.isa.format.Field;
import dev.myelin.isa.format.LoihiNeuronDescriptor;
import dev.myelin.isa.format.SectionDescriptor;
import dev.myelin.isa.format.SparseRowDescriptor;
import dev.myelin.isa.format.SynapseFormatDescriptor;
import dev.myelin.isa.format.TargetDescriptor;
import dev.myelin.isa.format.TrueNorthNeuronDescriptor;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the byte offset of a field named by a validation problem inside a CORE section, from
 * the descriptors' layout and the core's counts (the layout is fixed by them). A field it does
 * not know is placed at the section's start.
 */
final class FieldLocator {
    private static final Pattern NEURON = Pattern.compile("neuron\\[(\\d+)]\\.(\\w+(?:\\[\\d+])?)");
    private static final Pattern TARGET = Pattern.compile("neuron\\[(\\d+)]\\.target\\[(\\d+)](?:\\.(\\w+))?");
    private static final Pattern AXON_TYPE = Pattern.compile("axon\\[(\\d+)]\\.type");
    private static final Pattern SYNAPSE = Pattern.compile("axon\\[(\\d+)]\\.synapse\\[(\\d+)]\\.(\\w+)");
    private static final Pattern FORMAT = Pattern.compile("format\\[(\\d+)]\\.(\\w+)");

    private final CoreImage core;
    private final boolean trueNorth;
    private final long payload;

    FieldLocator(CoreImage core, long sectionStart) {
        this.core = core;
        this.trueNorth = core.neurons() instanceof TrueNorthNeurons;
        this.payload = sectionStart + SectionDescriptor.SIZE;
    }

    long offsetOf(String field) {
        Matcher m;
        if ((m = TARGET.matcher(field)).matches()) {
            int k = core.targets().start()[index(m, 1)] + index(m, 2);
            return targets() + (long) k * TargetDescriptor.SIZE
                    + offset(m.group(3), TargetDescriptor.DX, TargetDescriptor.DY, TargetDescriptor.SLOT,
                    TargetDescriptor.AXON, TargetDescriptor.DELAY);
        }
        if ((m = NEURON.matcher(field)).matches()) {
            int j = index(m, 1);
            if (m.group(2).equals("targetCount")) {
                return targetCounts() + 2L * j;
            }
            return neurons() + (long) j * neuronSize() + neuronField(m.group(2));
        }
        if ((m = AXON_TYPE.matcher(field)).matches()) {
            return axonTypes() + index(m, 1);
        }
        if ((m = SYNAPSE.matcher(field)).matches() && core.synapses() instanceof SparseRows s && s.dense()) {
            return synapses() + ((long) index(m, 1) * core.neuronCount() + index(m, 2)) * DenseRowDescriptor.WEIGHT.bytes();
        }
        if ((m = SYNAPSE.matcher(field)).matches() && core.synapses() instanceof SparseRows s) {
            int a = index(m, 1);
            long row = synapses() + (long) a * SparseRowDescriptor.LENGTH.bytes()
                    + (long) s.rowStart()[a] * SparseRowDescriptor.ENTRY_SIZE;
            return row + SparseRowDescriptor.LENGTH.bytes() + (long) index(m, 2) * SparseRowDescriptor.ENTRY_SIZE
                    + offset(m.group(3), SparseRowDescriptor.POST, SparseRowDescriptor.WEIGHT);
        }
        if ((m = FORMAT.matcher(field)).matches()) {
            return formats() + (long) index(m, 1) * SynapseFormatDescriptor.SIZE + offset(m.group(2),
                    SynapseFormatDescriptor.NUM_WEIGHT_BITS, SynapseFormatDescriptor.WEIGHT_EXP,
                    SynapseFormatDescriptor.SIGN_MODE);
        }
        return payload + headerField(field);
    }

    private long headerField(String field) {
        return switch (field) {
            case "axons" -> CoreSectionDescriptor.AXONS.offset();
            case "neurons" -> CoreSectionDescriptor.NEURONS.offset();
            case "targets" -> CoreSectionDescriptor.TARGETS.offset();
            case "formats.size" -> CoreSectionDescriptor.FORMATS.offset();
            case "decayMode" -> CoreSectionDescriptor.DECAY_MODE.offset();
            case "synapses" -> synapses() - payload;
            case "id" -> CoreRefDescriptor.X.offset();
            default -> -SectionDescriptor.SIZE; // not a field of its own: the section's start
        };
    }

    /** Offset of a neuron field inside its record; the one-bit TrueNorth fields live in the flags byte. */
    private int neuronField(String leaf) {
        if (trueNorth) {
            return switch (leaf) {
                case "stochasticLeak", "leakReversal", "kappa", "resetMode" -> TrueNorthNeuronDescriptor.FLAGS.offset();
                default -> offset(leaf, TrueNorthNeuronDescriptor.WEIGHT0, TrueNorthNeuronDescriptor.WEIGHT1,
                        TrueNorthNeuronDescriptor.WEIGHT2, TrueNorthNeuronDescriptor.WEIGHT3,
                        TrueNorthNeuronDescriptor.STOCHASTIC_SYNAPSE, TrueNorthNeuronDescriptor.LEAK,
                        TrueNorthNeuronDescriptor.ALPHA, TrueNorthNeuronDescriptor.BETA,
                        TrueNorthNeuronDescriptor.THRESHOLD_MASK_BITS, TrueNorthNeuronDescriptor.RESET_V,
                        TrueNorthNeuronDescriptor.V0);
            };
        }
        return offset(leaf, LoihiNeuronDescriptor.DU, LoihiNeuronDescriptor.DV, LoihiNeuronDescriptor.VTH,
                LoihiNeuronDescriptor.BIAS_MANT, LoihiNeuronDescriptor.BIAS_EXP, LoihiNeuronDescriptor.U0,
                LoihiNeuronDescriptor.V0, LoihiNeuronDescriptor.REFRACTORY, LoihiNeuronDescriptor.JOIN);
    }

    private static int offset(String leaf, Field... fields) {
        for (Field f : List.of(fields)) {
            if (f.name().equals(leaf)) {
                return f.offset();
            }
        }
        return 0;
    }

    private static int index(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    // block starts, in the order of CoreSectionDescriptor
    private long axonTypes() {
        return payload + CoreSectionDescriptor.HEADER_SIZE;
    }

    private long formats() {
        return axonTypes() + (long) core.axonCount() * CoreSectionDescriptor.AXON_TYPE.bytes();
    }

    private long neurons() {
        return formats() + (long) core.formats().size() * SynapseFormatDescriptor.SIZE;
    }

    private int neuronSize() {
        return trueNorth ? TrueNorthNeuronDescriptor.SIZE
                : LoihiNeuronDescriptor.size(((LoihiNeurons) core.neurons()).extended());
    }

    private long synapses() {
        return neurons() + (long) core.neuronCount() * neuronSize();
    }

    private long targetCounts() {
        long bytes = trueNorth ? core.axonCount() * CrossbarDescriptor.rowBytes(core.neuronCount())
                : ((SparseRows) core.synapses()).dense() ? DenseRowDescriptor.bytes(core.axonCount(), core.neuronCount())
                : SparseRowDescriptor.bytes(core.axonCount(), core.synapses().synapseCount());
        return synapses() + bytes;
    }

    private long targets() {
        return targetCounts() + (long) core.neuronCount() * CoreSectionDescriptor.TARGET_COUNT.bytes();
    }
}
