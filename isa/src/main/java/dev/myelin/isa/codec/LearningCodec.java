package dev.myelin.isa.codec;

import dev.myelin.isa.format.Field;
import dev.myelin.isa.learn.Device;
import dev.myelin.isa.learn.DeviceReadout;
import dev.myelin.isa.learn.Factor;
import dev.myelin.isa.learn.LearnVar;
import dev.myelin.isa.learn.LearningConfig;
import dev.myelin.isa.learn.Rule;
import dev.myelin.isa.learn.Term;
import dev.myelin.isa.learn.Trace;

import java.util.ArrayList;
import java.util.List;

import static dev.myelin.isa.format.LearningDescriptor.*;

/**
 * Encodes and decodes a core's learning section ({@link dev.myelin.isa.format.LearningDescriptor}).
 * Decoding checks every field as it reads it; an error names the byte offset, section and field
 * ({@code core[2].learning.rule[0].term[1].exponent}).
 */
public final class LearningCodec {
    private LearningCodec() {
    }

    /** The section bytes of {@code c} (its plastic flags give the core's axon count). */
    public static byte[] encode(LearningConfig c) {
        String p = c.problem(c.plastic().length);
        if (p != null) {
            throw new IllegalArgumentException("learning: " + p);
        }
        NbinOut out = new NbinOut(false);
        try {
            write(c, out);
            return out.toByteArray();
        } finally {
            out.release();
        }
    }

    /** Writes {@code c}'s fields, each under its own label (the hex dump names every one). */
    static void write(LearningConfig c, NbinOut out) {
        out.put(EPOCH, c.epoch());
        out.put(WEIGHT_FRAC, c.weightFrac());
        out.put(W_MIN, c.wMin());
        out.put(W_MAX, c.wMax());
        out.put(REWARD_AXON, c.rewardAxonField());
        out.put(RULES, c.rules().size());
        out.path.push("trace", 0);
        for (int i = 0; i < c.traces().size(); i++) {
            Trace t = c.traces().get(i);
            out.path.index(i);
            out.put(TRACE_DECAY, t.decay());
            out.put(TRACE_IMPULSE, t.impulse());
            out.put(TRACE_WIDTH, t.width());
            out.put(TRACE_MODE, t.nearest() ? 1 : 0);
        }
        out.path.pop();
        out.path.push("rule", 0);
        for (int r = 0; r < c.rules().size(); r++) {
            Rule rule = c.rules().get(r);
            out.path.index(r);
            out.put(RULE_TARGET, rule.target().ordinal());
            out.put(RULE_TERMS, rule.terms().size());
            out.path.push("term", 0);
            for (int k = 0; k < rule.terms().size(); k++) {
                Term t = rule.terms().get(k);
                out.path.index(k);
                out.put(TERM_MANTISSA, t.mantissa());
                out.put(TERM_EXPONENT, t.exponent());
                out.put(TERM_FACTORS, t.factors().size());
                out.path.push("factor", 0);
                for (int j = 0; j < t.factors().size(); j++) {
                    out.path.index(j);
                    out.put(FACTOR_VAR, t.factors().get(j).var().code());
                    out.put(FACTOR_CONSTANT, t.factors().get(j).constant());
                }
                out.path.pop();
            }
            out.path.pop();
        }
        out.path.pop();
        byte[] bits = new byte[(int) plasticBytes(c.plastic().length)];
        for (int a = 0; a < c.plastic().length; a++) {
            if (c.plastic()[a]) {
                bits[a >>> 3] |= (byte) (1 << (a & 7));
            }
        }
        out.putBytes("plastic", bits);
        Device d = c.device();
        if (d != null) {
            out.path.push("device");
            int id = d.presetId();
            out.put(DEVICE_PRESET, id);
            if (id == 0) {
                real(out, DEVICE_G_MIN, d.gMinNs());
                real(out, DEVICE_G_MAX, d.gMaxNs());
                out.put(DEVICE_LEVELS_LTP, d.levelsLtp());
                out.put(DEVICE_LEVELS_LTD, d.levelsLtd());
                real(out, DEVICE_NL_LTP, d.nlLtp());
                real(out, DEVICE_NL_LTD, d.nlLtd());
                real(out, DEVICE_C2C, d.cycleToCycle());
                real(out, DEVICE_D2D, d.deviceToDevice());
                real(out, DEVICE_READ_NOISE, d.readNoise());
                real(out, DEVICE_V_READ, d.vRead());
                real(out, DEVICE_T_READ, d.tReadNs());
                real(out, DEVICE_V_LTP, d.vLtp());
                real(out, DEVICE_T_LTP, d.tLtpNs());
                real(out, DEVICE_V_LTD, d.vLtd());
                real(out, DEVICE_T_LTD, d.tLtdNs());
            }
            out.path.pop();
            DeviceReadout r = c.readout();
            if (!r.equals(DeviceReadout.STORAGE)) {
                out.path.push("readout");
                out.put(READOUT_READ, r.current() ? 1 : 0);
                out.put(READOUT_PAIR, r.pair() ? 1 : 0);
                out.put(READOUT_ADC_BITS, r.adcBits());
                out.path.pop();
            }
        }
    }

    /** Writes {@code v} as its binary64 bits; zero is written +0.0 (the one encoding the reader accepts). */
    private static void real(NbinOut out, Field f, double v) {
        out.put(f, Double.doubleToRawLongBits(v == 0 ? 0.0 : v));
    }

    /**
     * Decodes a learning section held alone (offsets in errors count from its first byte).
     *
     * @throws dev.myelin.isa.diag.MyelinInputException naming offset and field of the first bad value
     */
    public static LearningConfig decode(byte[] bytes, int axons) {
        NbinIn in = new NbinIn(bytes);
        try {
            in.enter("learning", bytes.length);
            in.path.push("learning");
            LearningConfig c = read(in, axons);
            if (in.remaining() != 0) {
                throw in.error(in.position(), "readout", in.remaining() + " bytes after the device readout");
            }
            return c;
        } finally {
            in.release();
        }
    }

    /** Reads a section of exactly {@code in.remaining()} bytes at the reader's position, for a core of {@code axons} axons. */
    static LearningConfig read(NbinIn in, int axons) {
        int epoch = (int) in.get(EPOCH);
        if (epoch < 1) {
            throw in.fail(EPOCH, "0 is out of range [1, " + LearningConfig.MAX_EPOCH + "]");
        }
        int frac = in.getAtMost(WEIGHT_FRAC, LearningConfig.MAX_WEIGHT_FRAC, "the most fraction bits");
        int wMin = (int) in.get(W_MIN);
        if (wMin < -256 || wMin > 255) {
            throw in.fail(W_MIN, wMin + " is out of range [-256, 255]");
        }
        int wMax = (int) in.get(W_MAX);
        if (wMax < wMin || wMax > 255) {
            throw in.fail(W_MAX, wMax + " is out of range [" + wMin + " (wMin), 255]");
        }
        long reward = in.get(REWARD_AXON);
        if (reward != NO_REWARD && reward >= axons) {
            throw in.fail(REWARD_AXON, reward + " is not an axon of the core [0, " + (axons - 1)
                    + "] nor 0xffffffff (none)");
        }
        int rules = in.getAtMost(RULES, Rule.Target.values().length, "one rule per target (dw, dt)");
        List<Trace> traces = new ArrayList<>();
        in.path.push("trace", 0);
        for (int i = 0; i < TRACES; i++) {
            in.path.index(i);
            int decay = in.getAtMost(TRACE_DECAY, Trace.DECAY_ONE, "4096 (one)");
            long impulseAt = in.position();
            int impulse = (int) in.get(TRACE_IMPULSE);
            int width = (int) in.get(TRACE_WIDTH);
            if (width < 1 || width > Trace.MAX_WIDTH) {
                throw in.fail(TRACE_WIDTH, width + " is out of range [1, " + Trace.MAX_WIDTH + "]");
            }
            if (impulse > (1 << width) - 1) {
                throw in.error(impulseAt, TRACE_IMPULSE.name(), impulse + " exceeds 2^width - 1 = " + ((1 << width) - 1) + " ("
                        + LearningConfig.TRACE_NAMES.get(i) + ")");
            }
            int mode = in.getAtMost(TRACE_MODE, 1, "1 (0 add, 1 nearest)");
            traces.add(new Trace(decay, impulse, width, mode == 1));
        }
        in.path.pop();
        List<Rule> list = new ArrayList<>();
        in.path.push("rule", 0);
        for (int r = 0; r < rules; r++) {
            in.path.index(r);
            int target = in.getAtMost(RULE_TARGET, Rule.Target.values().length - 1, "1 (0 dw, 1 dt)");
            for (Rule earlier : list) {
                if (earlier.target().ordinal() == target) {
                    throw in.fail(RULE_TARGET, "a second rule for " + earlier.target().text());
                }
            }
            int terms = (int) in.get(RULE_TERMS);
            if (terms < 1 || terms > Rule.MAX_TERMS) {
                throw in.fail(RULE_TERMS, terms + " is out of range [1, " + Rule.MAX_TERMS + "]");
            }
            List<Term> ts = new ArrayList<>();
            in.path.push("term", 0);
            for (int k = 0; k < terms; k++) {
                in.path.index(k);
                int mant = (int) in.get(TERM_MANTISSA);
                if (mant == 0) {
                    throw in.fail(TERM_MANTISSA, "0: a term's mantissa is not 0");
                }
                int exp = (int) in.get(TERM_EXPONENT);
                if (exp < Term.MIN_EXP || exp > Term.MAX_EXP) {
                    throw in.fail(TERM_EXPONENT, exp + " is out of range [" + Term.MIN_EXP + ", " + Term.MAX_EXP + "]");
                }
                int factors = in.getAtMost(TERM_FACTORS, Term.MAX_FACTORS, "the most factors per term");
                List<Factor> fs = new ArrayList<>();
                in.path.push("factor", 0);
                for (int j = 0; j < factors; j++) {
                    in.path.index(j);
                    long code = in.get(FACTOR_VAR);
                    LearnVar v = LearnVar.ofCode(code);
                    if (v == null) {
                        throw in.fail(FACTOR_VAR, code + " is not a variable (0.." + (LearnVar.values().length - 1) + ")");
                    }
                    fs.add(new Factor(v, (int) in.get(FACTOR_CONSTANT)));
                }
                in.path.pop();
                ts.add(new Term(mant, exp, fs));
            }
            in.path.pop();
            list.add(new Rule(Rule.Target.values()[target], ts));
        }
        in.path.pop();
        long need = plasticBytes(axons);
        if (in.remaining() < need) {
            throw in.error(in.position(), "plastic", "the bitmap of " + axons + " axons needs " + need
                    + " bytes, the section has " + in.remaining() + " left");
        }
        boolean[] plastic = new boolean[axons];
        long at = in.position();
        byte[] bits = in.getBytes((int) need, "plastic");
        for (int a = 0; a < axons; a++) {
            plastic[a] = (bits[a >>> 3] >> (a & 7) & 1) != 0;
        }
        for (int b = axons; b < need * 8; b++) {
            if ((bits[b >>> 3] >> (b & 7) & 1) != 0) {
                throw in.error(at + b / 8, "plastic", "bit " + b + " is set beyond the core's " + axons + " axons");
            }
        }
        Device device = in.remaining() == 0 ? null : readDevice(in);
        DeviceReadout readout = in.remaining() == 0 ? DeviceReadout.STORAGE : readReadout(in);
        if (in.remaining() != 0) {
            throw in.error(in.position(), "readout", in.remaining() + " bytes after the device readout");
        }
        return new LearningConfig(epoch, frac, wMin, wMax, reward == NO_REWARD ? -1 : (int) reward, traces, list,
                plastic, device, readout);
    }

    /** Reads the readout group after the device group (docs/isa.md). */
    private static DeviceReadout readReadout(NbinIn in) {
        in.path.push("readout");
        int read = in.getAtMost(READOUT_READ, 1, "the last read mode (0 weight, 1 current)");
        int pair = in.getAtMost(READOUT_PAIR, 1, "the last device arrangement (0 single, 1 pair)");
        int bits = (int) in.get(READOUT_ADC_BITS);
        if (bits < 1 || bits > DeviceReadout.MAX_ADC_BITS) {
            throw in.fail(READOUT_ADC_BITS, bits + " is out of range [1, " + DeviceReadout.MAX_ADC_BITS + "]");
        }
        in.path.pop();
        return new DeviceReadout(read == 1, pair == 1, bits);
    }

    /** Reads the device group after the bitmap (docs/isa.md), each parameter checked as it is read. */
    private static Device readDevice(NbinIn in) {
        in.path.push("device");
        int id = in.getAtMost(DEVICE_PRESET, Device.PRESET_IDS.size() - 1, "the last preset id (0 custom, 1 ideal, 2 ag-a-si, 3 taox-hfox, 4 pcmo, 5 alox-hfo2, 6 epiram)");
        if (id != 0) {
            in.path.pop();
            return Device.PRESET_IDS.get(id);
        }
        double gMin = real(in, DEVICE_G_MIN, 0, Double.MAX_VALUE, false, "nS, > 0");
        double gMax = real(in, DEVICE_G_MAX, gMin, Double.MAX_VALUE, false, "nS, above gMin " + gMin);
        int ltp = (int) in.get(DEVICE_LEVELS_LTP);
        if (ltp < 1) {
            throw in.fail(DEVICE_LEVELS_LTP, "0 is out of range [1, " + Device.MAX_LEVELS + "]");
        }
        int ltd = (int) in.get(DEVICE_LEVELS_LTD);
        if (ltd < 1) {
            throw in.fail(DEVICE_LEVELS_LTD, "0 is out of range [1, " + Device.MAX_LEVELS + "]");
        }
        double nlLtp = real(in, DEVICE_NL_LTP, -Device.MAX_NL, Device.MAX_NL, true, "[-9, 9]");
        double nlLtd = real(in, DEVICE_NL_LTD, -Device.MAX_NL, Device.MAX_NL, true, "[-9, 9]");
        double c2c = real(in, DEVICE_C2C, 0, 1, true, "[0, 1]");
        double d2d = real(in, DEVICE_D2D, 0, Device.MAX_NL, true, "[0, 9]");
        double noise = real(in, DEVICE_READ_NOISE, 0, 1, true, "[0, 1]");
        double[] v = new double[6];
        Field[] fs = {DEVICE_V_READ, DEVICE_T_READ, DEVICE_V_LTP, DEVICE_T_LTP, DEVICE_V_LTD, DEVICE_T_LTD};
        for (int i = 0; i < 6; i++) {
            v[i] = i % 2 == 0 ? real(in, fs[i], 0, Double.MAX_VALUE, false, "V, > 0")
                    : real(in, fs[i], 0, Double.MAX_VALUE, true, "ns, >= 0");
        }
        in.path.pop();
        return new Device("custom", gMin, gMax, ltp, ltd, nlLtp, nlLtd, c2c, d2d, noise, v[0], v[1], v[2], v[3], v[4],
                v[5]);
    }

    /** Reads a binary64 parameter in (lo, hi], or [lo, hi] when {@code closed}; NaN and infinities fail. */
    private static double real(NbinIn in, Field f, double lo, double hi, boolean closed, String range) {
        double v = in.getReal(f, f.name());
        boolean ok = Double.isFinite(v) && v <= hi && (closed ? v >= lo : v > lo);
        if (!ok) {
            throw in.fail(f, v + " is out of range " + range);
        }
        return v;
    }
}
