package dev.myelin.isa.asm;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.Limits;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.NeuronParams;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.model.SynapseMemory;
import dev.myelin.isa.model.Targets;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the lines of one {@code .core} block and builds its {@link CoreImage}. Arrays are
 * sized by the architecture's per-core limits, which every index is checked against first,
 * so a listing can never make the assembler allocate more than one core's worth.
 *
 * <p>Counts: {@code .axons N} / {@code .neurons N} when given; otherwise the highest axon
 * line, and the highest neuron line or neuron a synapse reaches, plus one. Lines left out
 * mean zeros: axon type 0 with no synapses, neurons with every field 0 and no targets.
 */
final class CoreAssembler {
    final CoreId id;
    final int line;
    private final Architecture arch;
    private final boolean trueNorth;
    private final NeuronFields fields;
    private int declaredAxons = -1;
    private int declaredNeurons = -1;
    private int maxAxon = -1;
    private int maxNeuron = -1;
    private int maxSynapseNeuron = -1;
    private int lastNeuron = -1;
    private final int[] axonLine;
    private final int[] axonType;
    private final long[][] rows;
    private final IntList[] sparse;
    private final int[] neuronLine;
    private final int[] slots;
    private final IntList[] targets;
    private int decayMode;
    private int decayLine;
    private int inputCoreLine;
    private boolean dense;
    private int synapsesLine;
    private NegativeThreshold negativeThreshold = NegativeThreshold.STRICT;
    private int negativeThresholdLine;
    private final List<SynapseFormat> formats = new ArrayList<>();
    /** The {@code .learning} line (null: the core does not learn) and what the learning directives gave. */
    private Line learningLine;
    private int epoch = 1;
    private int weightFrac;
    private int wMin;
    private int wMax = 255;
    private int rewardAxon = -1;
    private final dev.myelin.isa.learn.Trace[] traces = new dev.myelin.isa.learn.Trace[6];
    private final List<dev.myelin.isa.learn.Rule> rules = new ArrayList<>();
    private final java.util.BitSet plastic = new java.util.BitSet();
    private dev.myelin.isa.learn.Device device;
    private dev.myelin.isa.learn.DeviceReadout readout = dev.myelin.isa.learn.DeviceReadout.STORAGE;

    CoreAssembler(Architecture arch, CoreId id, int line) {
        this.arch = arch;
        this.id = id;
        this.line = line;
        this.trueNorth = arch.datapath() == Datapath.TRUENORTH;
        this.fields = NeuronFields.of(arch);
        axonLine = new int[arch.axons()];
        axonType = new int[arch.axons()];
        rows = trueNorth ? new long[arch.axons()][] : null;
        sparse = trueNorth ? null : new IntList[arch.axons()];
        neuronLine = new int[arch.neurons()];
        slots = new int[arch.neurons() * fields.slots];
        targets = new IntList[arch.neurons()];
    }

    // ---- directives inside a core --------------------------------------------------------

    /** {@code .axons N}. */
    void axons(Line l) {
        Token t = l.peek();
        int n = l.expectInt("axon count", 0, arch.axons());
        l.expectEnd();
        if (declaredAxons >= 0) {
            throw l.error(t, "axon count given twice in core " + id);
        }
        if (maxAxon >= n) {
            throw l.error(t, "axon count " + n + " is too small: axon a" + maxAxon + " is defined at line "
                    + axonLine[maxAxon]);
        }
        declaredAxons = n;
    }

    /** {@code .neurons N}. */
    void neurons(Line l) {
        Token t = l.peek();
        int n = l.expectInt("neuron count", 0, arch.neurons());
        l.expectEnd();
        if (declaredNeurons >= 0) {
            throw l.error(t, "neuron count given twice in core " + id);
        }
        if (Math.max(maxNeuron, maxSynapseNeuron) >= n) {
            throw l.error(t, "neuron count " + n + " is too small: neuron n"
                    + Math.max(maxNeuron, maxSynapseNeuron) + " is already used");
        }
        declaredNeurons = n;
    }

    /** {@code .decay lava|nxsdk} (Loihi). */
    void decay(Line l, Token directive) {
        if (trueNorth) {
            throw l.error(directive, ".decay is for Loihi cores; this architecture's datapath is truenorth");
        }
        Token t = l.expectAtom("a decay mode (lava or nxsdk)");
        l.expectEnd();
        if (decayLine != 0) {
            throw l.error(directive, ".decay given twice in core " + id + " (first at line " + decayLine + ")");
        }
        decayMode = switch (t.text()) {
            case "lava", "0" -> 0;
            case "nxsdk", "1" -> 1;
            default -> throw l.error(t, "unknown decay mode " + t.describe() + " (known: lava, nxsdk)");
        };
        decayLine = l.lineNo();
    }

    /** {@code .input_core}: the core's neurons are input neurons (datapath bit 5). */
    void inputCore(Line l, Token directive) {
        l.expectEnd();
        if (inputCoreLine != 0) {
            throw l.error(directive, ".input_core given twice in core " + id + " (first at line " + inputCoreLine + ")");
        }
        inputCoreLine = l.lineNo();
    }

    /** {@code .synapses sparse|dense} (Loihi): the encoding of the core's synaptic memory. */
    void synapses(Line l, Token directive) {
        if (trueNorth) {
            throw l.error(directive, ".synapses is for Loihi cores; this architecture's datapath is truenorth");
        }
        Token t = l.expectAtom("a synapse encoding (sparse or dense)");
        l.expectEnd();
        if (synapsesLine != 0) {
            throw l.error(directive, ".synapses given twice in core " + id + " (first at line " + synapsesLine + ")");
        }
        dense = switch (t.text()) {
            case "sparse" -> false;
            case "dense" -> true;
            default -> throw l.error(t, "unknown synapse encoding " + t.describe() + " (known: sparse, dense)");
        };
        synapsesLine = l.lineNo();
    }

    /** {@code .negative_threshold strict|inclusive} (TrueNorth): the core's comparison with -beta. */
    void negativeThreshold(Line l, Token directive) {
        if (!trueNorth) {
            throw l.error(directive, ".negative_threshold is for TrueNorth cores; this architecture's datapath is "
                    + arch.datapath().id());
        }
        Token t = l.expectAtom("a negative-threshold rule (strict or inclusive)");
        l.expectEnd();
        if (negativeThresholdLine != 0) {
            throw l.error(directive, ".negative_threshold given twice in core " + id + " (first at line "
                    + negativeThresholdLine + ")");
        }
        negativeThreshold = NegativeThreshold.byId(t.text()).orElseThrow(() -> l.error(t,
                "unknown negative-threshold rule " + t.describe() + " (known: strict, V < -beta, TrueNorth's;"
                        + " inclusive, V <= -beta, RANC's)"));
        negativeThresholdLine = l.lineNo();
    }

    /** {@code .format T bits=B exp=E sign=excitatory|inhibitory|mixed} (Loihi). */
    void format(Line l, Token directive) {
        if (trueNorth) {
            throw l.error(directive, ".format is for Loihi cores; this architecture's datapath is truenorth");
        }
        Token t = l.peek();
        int type = l.expectInt("axon type", 0, arch.axonTypes() - 1);
        if (type != formats.size()) {
            throw l.error(t, "format " + type + " out of order: formats are numbered 0, 1, ... and the next is "
                    + formats.size());
        }
        int bits = l.expectField("bits", Limits.LOIHI_WEIGHT_BITS_MIN, Limits.LOIHI_WEIGHT_BITS_MAX);
        int exp = l.expectField("exp", Limits.LOIHI_WEIGHT_EXP_MIN, Limits.LOIHI_WEIGHT_EXP_MAX);
        Token k = l.expectAtom("'sign'");
        if (!k.text().equals("sign")) {
            throw l.error(k, "expected 'sign', found " + k.describe());
        }
        l.accept("=");
        Token s = l.expectAtom("a sign mode (excitatory, inhibitory, mixed)");
        int mode = switch (s.text()) {
            case "excitatory" -> SynapseFormat.EXCITATORY;
            case "inhibitory" -> SynapseFormat.INHIBITORY;
            case "mixed" -> SynapseFormat.MIXED;
            default -> throw l.error(s, "unknown sign mode " + s.describe() + " (known: excitatory, inhibitory, mixed)");
        };
        l.expectEnd();
        formats.add(new SynapseFormat(bits, exp, mode));
    }

    /** {@code .learning epoch=E weight_frac=F w_min=A w_max=B reward=AXON|none}: the core learns (docs/learning.md). */
    void learning(Line l, Token directive) {
        if (trueNorth) {
            throw l.error(directive, ".learning is for Loihi cores; this architecture's datapath is truenorth");
        }
        if (learningLine != null) {
            throw l.error(directive, ".learning given twice in core " + id + " (first at line " + learningLine.lineNo() + ")");
        }
        learningLine = l;
        java.util.Arrays.fill(traces, dev.myelin.isa.learn.Trace.OFF);
        while (!l.atEnd()) {
            Token k = l.expectAtom("a learning field (epoch, weight_frac, w_min, w_max, reward)");
            l.expectPunct("=");
            switch (k.text()) {
                case "epoch" -> epoch = l.expectInt("epoch", 1, dev.myelin.isa.learn.LearningConfig.MAX_EPOCH);
                case "weight_frac" -> weightFrac = l.expectInt("weight_frac", 0,
                        dev.myelin.isa.learn.LearningConfig.MAX_WEIGHT_FRAC);
                case "w_min" -> wMin = l.expectInt("w_min", -256, 255);
                case "w_max" -> wMax = l.expectInt("w_max", -256, 255);
                case "reward" -> {
                    if (l.peekIs("none")) {
                        l.next();
                        rewardAxon = -1;
                    } else {
                        rewardAxon = l.expectInt("reward axon", 0, axonLimit() - 1);
                        maxAxon = Math.max(maxAxon, rewardAxon);
                    }
                }
                default -> throw l.error(k, "unknown learning field " + k.describe()
                        + " (known: epoch, weight_frac, w_min, w_max, reward)");
            }
        }
        if (wMax < wMin) {
            throw l.error(directive, "w_max = " + wMax + " is below w_min = " + wMin);
        }
    }

    /** {@code .trace NAME decay=D impulse=I width=W mode=add|nearest}. */
    void trace(Line l, Token directive) {
        requireLearning(l, directive);
        Token name = l.expectAtom("a trace name (x1 x2 y1 y2 y3 r1)");
        int i = dev.myelin.isa.learn.LearningConfig.TRACE_NAMES.indexOf(name.text());
        if (i < 0) {
            throw l.error(name, "unknown trace " + name.describe() + " (known: x1 x2 y1 y2 y3 r1)");
        }
        int decay = l.expectField("decay", 0, dev.myelin.isa.learn.Trace.DECAY_ONE);
        Token impulseAt = l.peek();
        int impulse = l.expectField("impulse", 0, 65535);
        int width = l.expectField("width", 1, dev.myelin.isa.learn.Trace.MAX_WIDTH);
        Token m = l.expectAtom("'mode'");
        if (!m.text().equals("mode")) {
            throw l.error(m, "expected 'mode', found " + m.describe());
        }
        l.expectPunct("=");
        Token mode = l.expectAtom("add or nearest");
        if (!mode.text().equals("add") && !mode.text().equals("nearest")) {
            throw l.error(mode, "unknown trace mode " + mode.describe() + " (known: add, nearest)");
        }
        l.expectEnd();
        if (impulse > (1 << width) - 1) {
            throw l.error(impulseAt, "impulse = " + impulse + " exceeds 2^width - 1 = " + ((1 << width) - 1));
        }
        traces[i] = new dev.myelin.isa.learn.Trace(decay, impulse, width, mode.text().equals("nearest"));
    }

    /** {@code .rule "dw = 2^-2 * x1 * y0 - 2^-3 * y1 * x0"}. */
    void rule(Line l, Token directive) {
        requireLearning(l, directive);
        if (l.atEnd() || l.peek().kind() != Token.Kind.STRING) {
            throw l.expected("a quoted rule (\"dw = 2^-2 * x1 * y0\")");
        }
        Token t = l.next();
        l.expectEnd();
        dev.myelin.isa.learn.Rule r;
        try {
            r = dev.myelin.isa.learn.RuleText.parse(t.text());
        } catch (dev.myelin.isa.learn.RuleText.Error e) {
            throw l.error(t.col() + e.col(), e.getMessage());
        }
        for (dev.myelin.isa.learn.Rule earlier : rules) {
            if (earlier.target() == r.target()) {
                throw l.error(t, "a second rule for " + r.target().text() + " in core " + id);
            }
        }
        rules.add(r);
    }

    /** {@code .plastic A A..B ...}: the axons whose synapses learn. */
    void plastic(Line l, Token directive) {
        requireLearning(l, directive);
        if (l.atEnd()) {
            throw l.expected("axons (A or A..B)");
        }
        while (!l.atEnd()) {
            Token t = l.expectAtom("an axon or a range A..B");
            String[] parts = t.text().split("\\.\\.", -1);
            if (parts.length > 2) {
                throw l.error(t, "bad axon range " + t.describe() + ": expected A or A..B");
            }
            int limit = axonLimit();
            long a = Numbers.checkRange(l, t, "axon", Numbers.parseLong(l, new Token(t.kind(), parts[0], t.col()), "axon"),
                    0, limit - 1);
            long b = parts.length == 1 ? a : Numbers.checkRange(l, t, "axon",
                    Numbers.parseLong(l, new Token(t.kind(), parts[1], t.col()), "axon"), a, limit - 1);
            plastic.set((int) a, (int) b + 1);
            maxAxon = Math.max(maxAxon, (int) b);
        }
    }

    /**
     * {@code .device PRESET} or {@code .device custom g_min=.. g_max=.. levels_ltp=.. levels_ltd=.. nl_ltp=..
     * nl_ltd=.. c2c=.. d2d=.. read_noise=.. v_read=.. t_read=.. v_ltp=.. t_ltp=.. v_ltd=.. t_ltd=..}: the
     * memristive device of the core's plastic synapses (docs/learning.md), every parameter given, in this order;
     * then optionally the readout, {@code read=weight|current pair=false|true adc_bits=1..16}, in any order.
     */
    void device(Line l, Token directive) {
        requireLearning(l, directive);
        if (device != null) {
            throw l.error(directive, ".device given twice in core " + id);
        }
        Token name = l.expectAtom("a device preset (" + String.join(", ", dev.myelin.isa.learn.Device.presetNames())
                + ") or custom");
        if (!name.text().equals("custom")) {
            device = dev.myelin.isa.learn.Device.preset(name.text()).orElseThrow(() -> l.error(name, "unknown device "
                    + name.describe() + " (known: " + String.join(", ", dev.myelin.isa.learn.Device.presetNames())
                    + ", custom)"));
            readout(l);
            return;
        }
        String[] keys = {"g_min", "g_max", "levels_ltp", "levels_ltd", "nl_ltp", "nl_ltd", "c2c", "d2d", "read_noise",
                "v_read", "t_read", "v_ltp", "t_ltp", "v_ltd", "t_ltd"};
        double[] v = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            Token k = l.expectAtom("'" + keys[i] + "'");
            if (!k.text().equals(keys[i])) {
                throw l.error(k, "expected '" + keys[i] + "', found " + k.describe());
            }
            l.accept("=");
            if (i == 2 || i == 3) {
                v[i] = l.expectInt(keys[i], 1, dev.myelin.isa.learn.Device.MAX_LEVELS);
            } else {
                v[i] = Numbers.parseDouble(l, l.expectAtom(keys[i]), keys[i]);
            }
        }
        var d = new dev.myelin.isa.learn.Device("custom", v[0], v[1], (int) v[2], (int) v[3], v[4], v[5], v[6], v[7],
                v[8], v[9], v[10], v[11], v[12], v[13], v[14]);
        String p = d.problem();
        if (p != null) {
            throw l.error(name, "device: " + p);
        }
        device = d;
        readout(l);
    }

    /** The optional {@code read=.. pair=.. adc_bits=..} after a {@code .device}'s device, each at most once. */
    private void readout(Line l) {
        boolean current = false;
        boolean pair = false;
        int bits = dev.myelin.isa.learn.DeviceReadout.DEFAULT_ADC_BITS;
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!l.atEnd()) {
            Token k = l.expectAtom("read, pair or adc_bits");
            if (!seen.add(k.text())) {
                throw l.error(k, k.text() + " given twice");
            }
            switch (k.text()) {
                case "read" -> {
                    l.accept("=");
                    Token v = l.expectAtom("weight or current");
                    if (!v.text().equals("weight") && !v.text().equals("current")) {
                        throw l.error(v, "read: expected weight or current, found " + v.describe());
                    }
                    current = v.text().equals("current");
                }
                case "pair" -> {
                    l.accept("=");
                    Token v = l.expectAtom("true or false");
                    if (!v.text().equals("true") && !v.text().equals("false")) {
                        throw l.error(v, "pair: expected true or false, found " + v.describe());
                    }
                    pair = v.text().equals("true");
                }
                case "adc_bits" -> {
                    l.accept("=");
                    bits = l.expectInt("adc_bits", 1, dev.myelin.isa.learn.DeviceReadout.MAX_ADC_BITS);
                }
                default -> throw l.error(k, "expected read, pair or adc_bits, found " + k.describe());
            }
        }
        readout = new dev.myelin.isa.learn.DeviceReadout(current, pair, bits);
    }

    private int axonLimit() {
        return declaredAxons >= 0 ? declaredAxons : arch.axons();
    }

    private void requireLearning(Line l, Token directive) {
        if (learningLine == null) {
            throw l.error(directive, directive.text() + " needs a .learning line before it in core " + id);
        }
    }

    private byte[] learningBytes(int nAx) {
        if (learningLine == null) {
            return new byte[0];
        }
        boolean[] flags = new boolean[nAx];
        for (int a = plastic.nextSetBit(0); a >= 0 && a < nAx; a = plastic.nextSetBit(a + 1)) {
            flags[a] = true;
        }
        var c = new dev.myelin.isa.learn.LearningConfig(epoch, weightFrac, wMin, wMax, rewardAxon,
                java.util.Arrays.asList(traces), rules, flags, device, readout);
        String p = c.problem(nAx);
        if (p != null) {
            throw learningLine.error(1, "core " + id + ": learning: " + p);
        }
        return dev.myelin.isa.codec.LearningCodec.encode(c);
    }

    // ---- axon and neuron lines -----------------------------------------------------------

    /** {@code aI: [type=T] ROW}: crossbar bits (TrueNorth) or {@code nJ:W} entries (Loihi). */
    void axon(Line l, Token label) {
        int a = define(l, label, "axon", declaredAxons, arch.axons(), axonLine);
        if (l.peekIs("type")) {
            l.next();
            l.accept("=");
            axonType[a] = l.expectInt("axon type", 0, arch.axonTypes() - 1);
        }
        if (trueNorth) {
            rows[a] = l.atEnd() ? new long[0] : bits(l, l.expectAtom("crossbar bits"));
        } else {
            sparse[a] = weights(l);
        }
        l.expectEnd();
        axonLine[a] = l.lineNo();
        maxAxon = Math.max(maxAxon, a);
    }

    private long[] bits(Line l, Token t) {
        String s = t.text();
        int limit = declaredNeurons >= 0 ? declaredNeurons : arch.neurons();
        long[] row = new long[Crossbar.wordsPerRow(Math.min(s.length(), limit))];
        int j = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                continue;
            }
            if (c != '0' && c != '1') {
                throw l.error(t.col() + i, "bad crossbar bit " + Lexer.shown(c) + ": a row is 0s and 1s, '_' groups them");
            }
            if (j >= limit) {
                throw l.error(t.col() + i, "crossbar row has more than " + limit + " bits (the core has "
                        + limit + " neurons)");
            }
            if (c == '1') {
                row[j >>> 6] |= 1L << (j & 63);
                maxSynapseNeuron = Math.max(maxSynapseNeuron, j);
            }
            j++;
        }
        return row;
    }

    private IntList weights(Line l) {
        IntList out = new IntList();
        while (!l.atEnd()) {
            Token nt = l.expectAtom("a synapse nJ:WEIGHT");
            int j = index(l, nt, "neuron", declaredNeurons, arch.neurons());
            l.expectPunct(":");
            out.add(j);
            out.add(l.expectInt("weight", Limits.weightMin(arch.weightBits()), Limits.weightMax(arch.weightBits())));
            maxSynapseNeuron = Math.max(maxSynapseNeuron, j);
        }
        return out;
    }

    /** {@code nJ: field=value ... [-> target ...]}. */
    void neuron(Line l, Token label) {
        int j = define(l, label, "neuron", declaredNeurons, arch.neurons(), neuronLine);
        neuronLine[j] = l.lineNo();
        maxNeuron = Math.max(maxNeuron, j);
        lastNeuron = j;
        boolean[] seen = new boolean[fields.fields.size()];
        while (!l.atEnd() && !l.peekArrow()) {
            if (l.peek().kind() != Token.Kind.ATOM) {
                throw l.expected("a neuron field (" + fields.nameList() + ")");
            }
            Token ft = l.next();
            int fi = fields.indexOf(ft.text());
            if (fi < 0) {
                throw l.error(ft, "unknown neuron field '" + ft.text() + "' (fields: " + fields.nameList() + ")"
                        + dev.myelin.isa.diag.DidYouMean.suggest(ft.text(), fields.names()));
            }
            NeuronFields.Field f = fields.fields.get(fi);
            if (seen[fi]) {
                throw l.error(ft, "field " + f.name() + " given twice");
            }
            seen[fi] = true;
            l.accept("=");
            for (int k = 0; k < f.arity(); k++) {
                if (k > 0) {
                    l.expectPunct(",");
                }
                String what = f.arity() == 1 ? f.name() : f.name() + "[" + k + "]";
                slots[j * fields.slots + f.slot() + k] = l.expectInt(what, f.min(), f.max());
            }
        }
        while (l.peekArrow()) {
            target(l);
        }
    }

    /** A line that starts with {@code ->}: another target of the last neuron. */
    void continuation(Line l) {
        if (lastNeuron < 0) {
            throw l.error(l.col(), "a target line '->' must follow a neuron line nJ:");
        }
        while (l.peekArrow()) {
            target(l);
        }
        l.expectEnd();
    }

    /** {@code -> (DX,DY)[.SLOT] axon A [delay D]}. */
    private void target(Line l) {
        Token arrow = l.next();
        IntList t = targets[lastNeuron];
        if (t == null) {
            t = targets[lastNeuron] = new IntList();
        }
        if (t.size() / 5 >= arch.targetsPerNeuron()) {
            throw l.error(arrow, "neuron n" + lastNeuron + " has more than " + arch.targetsPerNeuron()
                    + " target" + (arch.targetsPerNeuron() == 1 ? "" : "s") + " (core.targetsPerNeuron)");
        }
        l.expectPunct("(");
        Token dxt = l.peek();
        int dx = l.expectInt("dx", -(arch.meshWidth() - 1), arch.meshWidth() - 1);
        l.expectPunct(",");
        int dy = l.expectInt("dy", -(arch.meshHeight() - 1), arch.meshHeight() - 1);
        l.expectPunct(")");
        int slot = 0;
        if (!l.atEnd() && l.peek().kind() == Token.Kind.ATOM && l.peek().text().startsWith(".")) {
            Token st = l.next();
            Token digits = new Token(Token.Kind.ATOM, st.text().substring(1), st.col() + 1);
            slot = (int) Numbers.checkRange(l, digits, "slot",
                    Numbers.parseLong(l, digits, "slot"), 0, arch.coresPerRouter() - 1);
        }
        if (!arch.hasCore(id.x() + dx, id.y() + dy, slot)) {
            throw l.error(dxt, "target core (" + (id.x() + dx) + "," + (id.y() + dy) + "," + slot
                    + ") is off the " + arch.meshWidth() + "x" + arch.meshHeight() + " board");
        }
        int axon = l.expectField("axon", 0, arch.axons() - 1);
        int delay = 1;
        if (l.peekIs("delay")) {
            delay = l.expectField("delay", 1, arch.maxDelay());
        }
        for (int v : new int[] {dx, dy, slot, axon, delay}) {
            t.add(v);
        }
    }

    /** The index of a new axon or neuron line {@code aI:} / {@code nJ:}; each may be written once. */
    private static int define(Line l, Token label, String what, int declared, int archMax, int[] lines) {
        int i = index(l, label, what, declared, archMax);
        if (lines[i] != 0) {
            throw l.error(label, what + " " + label.text() + " defined twice (first at line " + lines[i] + ")");
        }
        l.expectPunct(":");
        return i;
    }

    /**
     * Parses the number of a label {@code aI} / {@code nJ} and checks it against the declared
     * count ({@code .axons} / {@code .neurons}, when {@code declared >= 0}) or the architecture's.
     */
    private static int index(Line l, Token label, String what, int declared, int archMax) {
        int limit = declared >= 0 ? declared : archMax;
        String limitName = (declared >= 0 ? "." : "core.") + what + "s";
        String digits = label.text().substring(1);
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
            throw l.error(label, "bad " + what + " label " + label.describe() + ": expected "
                    + what.charAt(0) + " followed by a number");
        }
        int i = Integer.parseInt(digits);
        if (i >= limit) {
            throw l.error(label, what + " " + label.text() + " is out of range: " + limitName + " = " + limit);
        }
        return i;
    }

    // ---- the image -----------------------------------------------------------------------

    /** The lines each axon and neuron of the built core was written on. */
    SourceMap.CoreLines lines(CoreImage built) {
        return new SourceMap.CoreLines(line, java.util.Arrays.copyOf(axonLine, built.axonCount()),
                java.util.Arrays.copyOf(neuronLine, built.neuronCount()));
    }

    CoreImage build() {
        int nAx = declaredAxons >= 0 ? declaredAxons : maxAxon + 1;
        int nN = declaredNeurons >= 0 ? declaredNeurons : Math.max(maxNeuron, maxSynapseNeuron) + 1;
        int[] types = java.util.Arrays.copyOf(axonType, nAx);
        SynapseMemory syn = trueNorth ? crossbar(nAx, nN) : sparseRows(nAx);
        NeuronParams np = trueNorth ? NeuronFields.trueNorth(nN, slots).withNegativeThreshold(negativeThreshold)
                : NeuronFields.loihi(nN, decayMode, slots);
        return new CoreImage(id, types, np, syn, formats, targets(nN), learningBytes(nAx), inputCoreLine != 0);
    }

    private Crossbar crossbar(int nAx, int nN) {
        Crossbar c = Crossbar.empty(nAx, nN);
        int wpr = c.wordsPerRow();
        for (int a = 0; a < nAx; a++) {
            long[] r = rows[a];
            if (r != null) {
                System.arraycopy(r, 0, c.bits(), a * wpr, Math.min(r.length, wpr));
            }
        }
        return c;
    }

    private SparseRows sparseRows(int nAx) {
        int[] start = new int[nAx + 1];
        for (int a = 0; a < nAx; a++) {
            start[a + 1] = start[a] + (sparse[a] == null ? 0 : sparse[a].size() / 2);
        }
        int[] post = new int[start[nAx]];
        int[] weight = new int[start[nAx]];
        for (int a = 0; a < nAx; a++) {
            for (int k = 0; sparse[a] != null && k < sparse[a].size() / 2; k++) {
                post[start[a] + k] = sparse[a].get(2 * k);
                weight[start[a] + k] = sparse[a].get(2 * k + 1);
            }
        }
        return new SparseRows(nAx, start, post, weight, dense);
    }

    private Targets targets(int nN) {
        int[] start = new int[nN + 1];
        for (int j = 0; j < nN; j++) {
            start[j + 1] = start[j] + (targets[j] == null ? 0 : targets[j].size() / 5);
        }
        int m = start[nN];
        int[][] cols = new int[5][m];
        for (int j = 0; j < nN; j++) {
            for (int k = 0; targets[j] != null && k < targets[j].size() / 5; k++) {
                for (int f = 0; f < 5; f++) {
                    cols[f][start[j] + k] = targets[j].get(5 * k + f);
                }
            }
        }
        return new Targets(start, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }
}
