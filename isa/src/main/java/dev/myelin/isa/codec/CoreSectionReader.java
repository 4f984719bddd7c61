package dev.myelin.isa.codec;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.format.CoreSectionDescriptor;
import dev.myelin.isa.format.CrossbarDescriptor;
import dev.myelin.isa.format.DenseRowDescriptor;
import dev.myelin.isa.format.LoihiNeuronDescriptor;
import dev.myelin.isa.format.SparseRowDescriptor;
import dev.myelin.isa.format.SynapseFormatDescriptor;
import dev.myelin.isa.format.TargetDescriptor;
import dev.myelin.isa.format.TrueNorthNeuronDescriptor;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.NeuronParams;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.model.SynapseMemory;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.ArrayList;
import java.util.List;

import static dev.myelin.isa.format.CoreSectionDescriptor.*;

/**
 * Reads the payload of one CORE section ({@link CoreSectionDescriptor}). The header's
 * counts are checked against the architecture, and the payload size they imply against
 * the section length, before any array is allocated.
 */
final class CoreSectionReader {
    private final NbinIn in;
    private final Architecture arch;
    private int datapath;
    private NegativeThreshold negativeThreshold;
    private boolean input;
    private int axons;
    private int neurons;
    private long synapses;
    private int targets;
    private int formats;
    private int decayMode;
    private int learningBytes;
    /** Loihi: the compartment records carry refractory delay and join; offset of the datapath byte. */
    private boolean extended;
    /** Loihi: synapses in the dense encoding. */
    private boolean dense;
    private long datapathOffset;

    CoreSectionReader(NbinIn in, Architecture arch) {
        this.in = in;
        this.arch = arch;
    }

    CoreImage read() {
        CoreId id = readHeader();
        int[] axonType = new int[axons];
        in.path.push("axon", 0);
        for (int a = 0; a < axons; a++) {
            in.path.index(a);
            axonType[a] = (int) in.get(AXON_TYPE);
        }
        in.path.pop();
        List<SynapseFormat> fmts = readFormats();
        NeuronParams params = datapath == DATAPATH_TRUENORTH ? readTrueNorth() : readLoihi();
        SynapseMemory syn = datapath == DATAPATH_TRUENORTH ? readCrossbar() : dense ? readDense() : readSparse();
        Targets t = readTargets();
        long learningAt = in.position();
        byte[] learning = in.getBytes(learningBytes, "learning");
        if (learningBytes > 0) {
            if (datapath == DATAPATH_TRUENORTH) {
                throw in.error(learningAt, "learning", learningBytes + " bytes: truenorth cores do not learn"
                        + " (learningBytes must be 0)");
            }
            in.seek(learningAt);
            in.path.push("learning");
            LearningCodec.read(in, axons, syn instanceof dev.myelin.isa.model.SparseRows s ? s.post().length : -1);
            in.path.pop();
        }
        return new CoreImage(id, axonType, params, syn, fmts, t, learning, input);
    }

    private CoreId readHeader() {
        long start = in.position();
        CoreId id = NbinReader.readCoreRef(in);
        if (!arch.hasCore(id.x(), id.y(), id.slot())) {
            throw in.error(start, "x", "core " + id + " is not on the " + arch.meshWidth() + "x" + arch.meshHeight()
                    + "x" + arch.coresPerRouter() + " board of architecture " + arch.name());
        }
        datapathOffset = in.position();
        int datapathByte = (int) in.get(DATAPATH);
        datapath = datapathByte & DATAPATH_ID_MASK;
        int expected = arch.datapath() == Datapath.TRUENORTH ? DATAPATH_TRUENORTH : DATAPATH_LOIHI;
        if (datapath != expected) {
            throw in.fail(DATAPATH, (datapathByte == datapath ? Integer.toString(datapath)
                    : String.format("0x%02x (id %d)", datapathByte, datapath))
                    + " does not match the architecture's datapath " + arch.datapath().id() + " (" + expected + ")");
        }
        String options = checkDatapathOptions(datapathByte);
        if (options != null) {
            throw in.fail(DATAPATH, options);
        }
        input = (datapathByte & DATAPATH_INPUT) != 0;
        negativeThreshold = (datapathByte & DATAPATH_TN_NEGATIVE_INCLUSIVE) != 0
                ? NegativeThreshold.INCLUSIVE : NegativeThreshold.STRICT;
        extended = datapath == DATAPATH_LOIHI && (datapathByte & DATAPATH_LOIHI_COMPARTMENTS) != 0;
        dense = datapath == DATAPATH_LOIHI && (datapathByte & DATAPATH_LOIHI_DENSE) != 0;
        axons = in.getAtMost(AXONS, arch.axons(), "core.axons");
        neurons = in.getAtMost(NEURONS, arch.neurons(), "core.neurons");
        long synapseMax = (long) axons * neurons;
        synapses = in.getAtMost(SYNAPSES, Math.min(synapseMax, Integer.MAX_VALUE), "axons x neurons");
        if (dense && synapses != synapseMax) {
            throw in.error(in.position() - SYNAPSES.bytes(), "synapses", synapses + " on a dense core: its rows"
                    + " hold every compartment, synapses must be axons x neurons = " + synapseMax);
        }
        targets = in.getAtMost(TARGETS, arch.maxFanOut(), "core.maxFanOut");
        formats = in.getAtMost(FORMATS, datapath == DATAPATH_TRUENORTH ? 0 : arch.axonTypes(),
                datapath == DATAPATH_TRUENORTH ? "0 for truenorth" : "core.axonTypes");
        decayMode = in.getAtMost(DECAY_MODE, datapath == DATAPATH_TRUENORTH ? 0 : LoihiNeurons.DECAY_NXSDK,
                datapath == DATAPATH_TRUENORTH ? "0 for truenorth" : "the largest decay mode");
        learningBytes = in.getAtMost(LEARNING_BYTES, in.remaining(), "the bytes left in the section");
        long need = payloadBytes(datapathByte, axons, neurons, synapses, targets, formats, learningBytes) - HEADER_SIZE;
        if (need != in.remaining()) {
            throw in.error(start, "(header)", "counts axons=" + axons + " neurons=" + neurons + " synapses="
                    + synapses + " targets=" + targets + " formats=" + formats + " learningBytes=" + learningBytes
                    + " need " + need + " bytes after the header, the section holds " + in.remaining());
        }
        return id;
    }

    private List<SynapseFormat> readFormats() {
        List<SynapseFormat> list = new ArrayList<>(formats);
        in.path.push("format", 0);
        for (int t = 0; t < formats; t++) {
            in.path.index(t);
            list.add(new SynapseFormat((int) in.get(SynapseFormatDescriptor.NUM_WEIGHT_BITS),
                    (int) in.get(SynapseFormatDescriptor.WEIGHT_EXP), (int) in.get(SynapseFormatDescriptor.SIGN_MODE)));
        }
        in.path.pop();
        return list;
    }

    /**
     * The neurons decoded from their records read in one piece ({@link TrueNorthNeuronDescriptor}),
     * exactly as the field-by-field read decodes them; null when a neuron's flags are invalid.
     */
    private TrueNorthNeurons decodeTrueNorth(byte[] b) {
        TrueNorthNeurons n = TrueNorthNeurons.zeros(neurons).withNegativeThreshold(negativeThreshold);
        int[] weights = n.weights();
        for (int j = 0, at = 0; j < neurons; j++, at += TrueNorthNeuronDescriptor.SIZE) {
            for (int g = 0; g < 4; g++) {
                weights[4 * j + g] = field(b, at, TrueNorthNeuronDescriptor.WEIGHTS[g]);
            }
            n.stochasticSynapse()[j] = field(b, at, TrueNorthNeuronDescriptor.STOCHASTIC_SYNAPSE);
            n.leak()[j] = field(b, at, TrueNorthNeuronDescriptor.LEAK);
            int flags = field(b, at, TrueNorthNeuronDescriptor.FLAGS);
            if (TrueNorthNeuronDescriptor.checkFlags(flags) != null) {
                return null;
            }
            n.stochasticLeak()[j] = flags & TrueNorthNeuronDescriptor.FLAG_STOCHASTIC_LEAK;
            n.leakReversal()[j] = (flags & TrueNorthNeuronDescriptor.FLAG_LEAK_REVERSAL) >>> 1;
            n.kappa()[j] = (flags & TrueNorthNeuronDescriptor.FLAG_KAPPA) >>> 2;
            n.resetMode()[j] = (flags & TrueNorthNeuronDescriptor.RESET_MODE_MASK) >>> TrueNorthNeuronDescriptor.RESET_MODE_SHIFT;
            n.alpha()[j] = field(b, at, TrueNorthNeuronDescriptor.ALPHA);
            n.beta()[j] = field(b, at, TrueNorthNeuronDescriptor.BETA);
            n.thresholdMaskBits()[j] = field(b, at, TrueNorthNeuronDescriptor.THRESHOLD_MASK_BITS);
            n.resetV()[j] = field(b, at, TrueNorthNeuronDescriptor.RESET_V);
            n.v0()[j] = field(b, at, TrueNorthNeuronDescriptor.V0);
        }
        return n;
    }

    /**
     * Field {@code f} (at most 4 bytes) of the record starting at {@code b[at]}: little-endian,
     * sign-extended when signed, the int {@code (int) NbinIn.get(f)} gives.
     */
    private static int field(byte[] b, int at, dev.myelin.isa.format.Field f) {
        int o = at + f.offset();
        int v = 0;
        for (int k = f.bytes() - 1; k >= 0; k--) {
            v = v << 8 | (b[o + k] & 0xff);
        }
        if (f.signed()) {
            int shift = 32 - f.bits();
            v = v << shift >> shift;
        }
        return v;
    }

    private TrueNorthNeurons readTrueNorth() {
        long start = in.position();
        long total = (long) neurons * TrueNorthNeuronDescriptor.SIZE;
        if (total <= in.remaining()) {
            // all the neurons present: one bulk read, decoded from the array (a short section
            // falls through to the field-by-field read below, which names the field it ends in)
            TrueNorthNeurons n = decodeTrueNorth(in.getBytes((int) total, "neuron"));
            if (n != null) {
                return n;
            }
            in.seek(start); // a neuron's flags are invalid: the read below names it
        }
        TrueNorthNeurons n = TrueNorthNeurons.zeros(neurons).withNegativeThreshold(negativeThreshold);
        in.path.push("neuron", 0);
        for (int j = 0; j < neurons; j++) {
            in.path.index(j);
            for (int g = 0; g < 4; g++) {
                n.weights()[4 * j + g] = (int) in.get(TrueNorthNeuronDescriptor.WEIGHTS[g]);
            }
            n.stochasticSynapse()[j] = (int) in.get(TrueNorthNeuronDescriptor.STOCHASTIC_SYNAPSE);
            n.leak()[j] = (int) in.get(TrueNorthNeuronDescriptor.LEAK);
            int flags = (int) in.get(TrueNorthNeuronDescriptor.FLAGS);
            String problem = TrueNorthNeuronDescriptor.checkFlags(flags);
            if (problem != null) {
                throw in.fail(TrueNorthNeuronDescriptor.FLAGS, problem);
            }
            n.stochasticLeak()[j] = flags & TrueNorthNeuronDescriptor.FLAG_STOCHASTIC_LEAK;
            n.leakReversal()[j] = (flags & TrueNorthNeuronDescriptor.FLAG_LEAK_REVERSAL) >>> 1;
            n.kappa()[j] = (flags & TrueNorthNeuronDescriptor.FLAG_KAPPA) >>> 2;
            n.resetMode()[j] = (flags & TrueNorthNeuronDescriptor.RESET_MODE_MASK) >>> TrueNorthNeuronDescriptor.RESET_MODE_SHIFT;
            n.alpha()[j] = (int) in.get(TrueNorthNeuronDescriptor.ALPHA);
            n.beta()[j] = (int) in.get(TrueNorthNeuronDescriptor.BETA);
            n.thresholdMaskBits()[j] = (int) in.get(TrueNorthNeuronDescriptor.THRESHOLD_MASK_BITS);
            n.resetV()[j] = (int) in.get(TrueNorthNeuronDescriptor.RESET_V);
            n.v0()[j] = (int) in.get(TrueNorthNeuronDescriptor.V0);
        }
        in.path.pop();
        return n;
    }

    private LoihiNeurons readLoihi() {
        LoihiNeurons z = LoihiNeurons.zeros(neurons);
        LoihiNeurons n = new LoihiNeurons(neurons, decayMode, z.du(), z.dv(), z.vth(), z.biasMant(), z.biasExp(),
                z.u0(), z.v0(), z.refractory(), z.join());
        in.path.push("neuron", 0);
        for (int j = 0; j < neurons; j++) {
            in.path.index(j);
            n.du()[j] = (int) in.get(LoihiNeuronDescriptor.DU);
            n.dv()[j] = (int) in.get(LoihiNeuronDescriptor.DV);
            n.vth()[j] = (int) in.get(LoihiNeuronDescriptor.VTH);
            n.biasMant()[j] = (int) in.get(LoihiNeuronDescriptor.BIAS_MANT);
            n.biasExp()[j] = (int) in.get(LoihiNeuronDescriptor.BIAS_EXP);
            n.u0()[j] = (int) in.get(LoihiNeuronDescriptor.U0);
            n.v0()[j] = (int) in.get(LoihiNeuronDescriptor.V0);
            if (extended) {
                n.refractory()[j] = (int) in.get(LoihiNeuronDescriptor.REFRACTORY);
                n.join()[j] = (int) in.get(LoihiNeuronDescriptor.JOIN);
            }
        }
        in.path.pop();
        if (extended && !n.extended()) {
            // one encoding per image: the writer sets bit 6 only when a compartment needs it
            throw in.error(datapathOffset, "datapath", String.format("0x%02x: bit 6 (extended compartments) is set"
                    + " but no compartment has a refractory delay or a join", DATAPATH_LOIHI | DATAPATH_LOIHI_COMPARTMENTS));
        }
        return n;
    }

    /** Bytes of each row back into 64-bit words: byte k of a row holds neurons 8k..8k+7, LSB first. */
    private Crossbar readCrossbar() {
        int rowBytes = (int) CrossbarDescriptor.rowBytes(neurons);
        int pad = CrossbarDescriptor.paddingMask(neurons);
        Crossbar x = Crossbar.empty(axons, neurons);
        long set = 0;
        in.path.push("axon", 0);
        long total = (long) axons * rowBytes;
        if (rowBytes > 0 && (rowBytes & 7) == 0 && total <= in.remaining()) {
            // whole rows of 64-bit words, all present: one bulk read into the rows (a short
            // section falls through to the row-by-row read below, which names the row it ends in)
            byte[] all = in.getBytes((int) total, "row");
            long[] bits = x.bits();
            java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(bits);
            for (long w : bits) {
                set += Long.bitCount(w);
            }
            // rowBytes a multiple of 8 means neurons a multiple of 64 and no padding bits
            in.path.pop();
            checkSetBits(set);
            return x;
        }
        for (int a = 0; a < axons; a++) {
            in.path.index(a);
            long rowAt = in.position();
            byte[] row = in.getBytes(rowBytes, "row");
            for (int k = 0; k < rowBytes; k++) {
                long b = row[k] & 0xffL;
                x.bits()[a * x.wordsPerRow() + (k >>> 3)] |= b << (8 * (k & 7));
                set += Long.bitCount(b);
            }
            if (rowBytes > 0 && (row[rowBytes - 1] & pad) != 0) {
                throw in.error(rowAt + rowBytes - 1, "row", String.format(
                        "bits beyond neuron %d are set (last byte 0x%02x)", neurons - 1, row[rowBytes - 1] & 0xff));
            }
        }
        in.path.pop();
        checkSetBits(set);
        return x;
    }

    private void checkSetBits(long set) {
        if (set != synapses) {
            throw in.error(in.position(), "(crossbar)", "the crossbar has " + set
                    + " set bits, the core header says synapses=" + synapses);
        }
    }

    private SparseRows readSparse() {
        int[] rowStart = new int[axons + 1];
        int[] post = new int[(int) synapses];
        int[] weight = new int[(int) synapses];
        int k = 0;
        in.path.push("axon", 0);
        for (int a = 0; a < axons; a++) {
            in.path.index(a);
            int len = in.getAtMost(SparseRowDescriptor.LENGTH, synapses - k, "synapses not yet placed");
            in.path.push("synapse", 0);
            for (int i = 0; i < len; i++, k++) {
                in.path.index(i);
                post[k] = (int) in.get(SparseRowDescriptor.POST);
                weight[k] = (int) in.get(SparseRowDescriptor.WEIGHT);
            }
            in.path.pop();
            rowStart[a + 1] = k;
        }
        in.path.pop();
        if (k != synapses) {
            throw in.error(in.position(), "(rows)", "rows hold " + k + " synapses, the core header says " + synapses);
        }
        return new SparseRows(axons, rowStart, post, weight);
    }

    /** Dense rows: a weight for every compartment, in order; decoded into full sparse rows. */
    private SparseRows readDense() {
        int[] rowStart = new int[axons + 1];
        int[] post = new int[(int) synapses];
        int[] weight = new int[(int) synapses];
        int k = 0;
        in.path.push("axon", 0);
        for (int a = 0; a < axons; a++) {
            in.path.index(a);
            in.path.push("synapse", 0);
            for (int j = 0; j < neurons; j++, k++) {
                in.path.index(j);
                post[k] = j;
                weight[k] = (int) in.get(DenseRowDescriptor.WEIGHT);
            }
            in.path.pop();
            rowStart[a + 1] = k;
        }
        in.path.pop();
        return new SparseRows(axons, rowStart, post, weight, true);
    }

    private Targets readTargets() {
        int[] start = new int[neurons + 1];
        in.path.push("neuron", 0);
        for (int j = 0; j < neurons; j++) {
            in.path.index(j);
            int c = in.getAtMost(TARGET_COUNT, targets - start[j], "targets not yet placed");
            start[j + 1] = start[j] + c;
        }
        if (start[neurons] != targets) {
            throw in.error(in.position(), "targetCount", "target counts add up to " + start[neurons]
                    + ", the core header says targets=" + targets);
        }
        int[] dx = new int[targets];
        int[] dy = new int[targets];
        int[] slot = new int[targets];
        int[] axon = new int[targets];
        int[] delay = new int[targets];
        if ((long) targets * TargetDescriptor.SIZE <= in.remaining()) {
            // all the targets present: one bulk read, decoded from the array (nothing in a target
            // record is checked here); a short section takes the read below, which names the field
            byte[] b = in.getBytes(targets * TargetDescriptor.SIZE, "target");
            for (int k = 0, at = 0; k < targets; k++, at += TargetDescriptor.SIZE) {
                dx[k] = field(b, at, TargetDescriptor.DX);
                dy[k] = field(b, at, TargetDescriptor.DY);
                slot[k] = field(b, at, TargetDescriptor.SLOT);
                axon[k] = field(b, at, TargetDescriptor.AXON);
                delay[k] = field(b, at, TargetDescriptor.DELAY);
            }
            in.path.pop();
            return new Targets(start, dx, dy, slot, axon, delay);
        }
        for (int j = 0; j < neurons; j++) {
            in.path.index(j);
            in.path.push("target", 0);
            for (int k = start[j]; k < start[j + 1]; k++) {
                in.path.index(k - start[j]);
                dx[k] = (int) in.get(TargetDescriptor.DX);
                dy[k] = (int) in.get(TargetDescriptor.DY);
                slot[k] = (int) in.get(TargetDescriptor.SLOT);
                axon[k] = (int) in.get(TargetDescriptor.AXON);
                delay[k] = (int) in.get(TargetDescriptor.DELAY);
            }
            in.path.pop();
        }
        in.path.pop();
        return new Targets(start, dx, dy, slot, axon, delay);
    }
}
