package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Plasticity;
import dev.myelin.compiler.learn.NamedRules;
import dev.myelin.isa.learn.Device;
import dev.myelin.isa.learn.DeviceReadout;
import dev.myelin.isa.learn.LearningConfig;
import dev.myelin.isa.learn.Rule;
import dev.myelin.isa.learn.RuleText;
import dev.myelin.isa.learn.Trace;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Reads a projection's {@code plasticity:} mapping (docs/language.md, "Plasticity"; docs/learning.md). */
final class PlasticityReader {
    static final List<String> RULES = List.of("stdp", "reward_stdp", "custom");
    private static final Set<String> COMMON = Set.of("rule", "epoch", "weight_frac", "w_min", "w_max", "reward",
            "device");
    /** A device mapping's keys: a preset to start from, then any parameter of it replaced. */
    private static final List<String> DEVICE_KEYS = List.of("preset", "g_min", "g_max", "levels_ltp", "levels_ltd",
            "nl_ltp", "nl_ltd", "c2c", "d2d", "read_noise", "v_read", "t_read", "v_ltp", "t_ltp", "v_ltd", "t_ltd",
            "read", "pair", "adc_bits");
    private static final Set<String> STDP = Set.of("a_plus", "a_minus", "tau_plus", "tau_minus", "pairing",
            "trace_bits");
    private static final Set<String> REWARD = Set.of("tau_tag", "learning_rate");
    private static final Set<String> CUSTOM = Set.of("dw", "dt", "traces");
    private static final Set<String> TRACE_KEYS = Set.of("tau", "decay", "impulse", "bits", "pairing");

    private PlasticityReader() {
    }

    static Plasticity read(String file, Node n, double dtMs, Diagnostics d) {
        Set<String> all = new java.util.HashSet<>(COMMON);
        all.addAll(STDP);
        all.addAll(REWARD);
        all.addAll(CUSTOM);
        YMap y = YMap.open(file, n, d, "plasticity", all);
        if (y == null) {
            return null;
        }
        String rule = y.choice("rule", RULES, null, true);
        if (rule == null) {
            return null;
        }
        Set<String> allowed = new java.util.HashSet<>(COMMON);
        allowed.addAll(switch (rule) {
            case "stdp" -> STDP;
            case "reward_stdp" -> union(STDP, REWARD);
            default -> CUSTOM;
        });
        for (String k : all) {
            if (y.has(k) && !allowed.contains(k)) {
                y.error(k, "'" + k + "' is not a parameter of rule " + rule);
            }
        }
        int epoch = (int) y.integer("epoch", 1, LearningConfig.MAX_EPOCH, 1, false);
        int frac = (int) y.integer("weight_frac", 0, LearningConfig.MAX_WEIGHT_FRAC, 0, false);
        int wMin = (int) y.integer("w_min", -256, 255, 0, false);
        int wMax = (int) y.integer("w_max", -256, 255, 255, false);
        if (wMax < wMin) {
            y.error("w_max", "'w_max' = " + wMax + " is below 'w_min' = " + wMin);
        }
        String reward = y.text("reward", null, false);
        if (rule.equals("reward_stdp") && reward == null) {
            y.error("rule", "rule reward_stdp needs 'reward': the projection whose spikes are the reward");
        }
        List<Trace> traces;
        List<Rule> rules = new ArrayList<>();
        try {
            if (rule.equals("custom")) {
                traces = customTraces(file, y, dtMs, d);
                for (String key : List.of("dw", "dt")) {
                    Rule r = ruleText(file, y, key, d);
                    if (r != null) {
                        rules.add(r);
                    }
                }
                if (!y.has("dw") && !y.has("dt")) {
                    y.error("rule", "rule custom needs 'dw' or 'dt' (a rule such as \"2^-2 * x1 * y0 - 2^-3 * y1 * x0\")");
                }
            } else {
                double aPlus = y.number("a_plus", 0, 1e6, 0, true);
                double aMinus = y.number("a_minus", 0, 1e6, 0, true);
                double tauPlus = y.quantity("tau_plus", Units.Dimension.TIME, dtMs * 20, true) / dtMs;
                double tauMinus = y.quantity("tau_minus", Units.Dimension.TIME, dtMs * 20, true) / dtMs;
                boolean nearest = y.choice("pairing", List.of("nearest", "all"), "all", false).equals("nearest");
                int bits = (int) y.integer("trace_bits", 1, Trace.MAX_WIDTH, 7, false);
                if (tauPlus <= 0 || tauMinus <= 0) {
                    y.error(tauPlus <= 0 ? "tau_plus" : "tau_minus", "time constants must be positive");
                    return null;
                }
                traces = NamedRules.pairTraces(tauPlus, tauMinus, bits, nearest);
                if (rule.equals("stdp")) {
                    rules.add(NamedRules.stdp(Rule.Target.WEIGHT, aPlus, aMinus, bits, frac));
                } else {
                    double tauTag = y.quantity("tau_tag", Units.Dimension.TIME, dtMs * 100, true) / dtMs / epoch;
                    double rate = y.number("learning_rate", 0, 1e6, 1, false);
                    if (tauTag < 1) {
                        y.error("tau_tag", "'tau_tag' must be at least one epoch (" + epoch * dtMs + " ms)");
                        return null;
                    }
                    rules.add(NamedRules.eligibility(aPlus, aMinus, bits, frac, tauTag));
                    rules.add(NamedRules.rewarded(rate));
                }
            }
        } catch (IllegalArgumentException e) {
            d.error(y.where(), "plasticity: " + e.getMessage());
            return null;
        }
        if (traces == null) {
            return null;
        }
        Device device = null;
        DeviceReadout readout = DeviceReadout.STORAGE;
        if (y.has("device")) {
            Node dn = y.get("device");
            YMap m = dn instanceof ScalarNode ? null : YMap.open(file, dn, d, "device", Set.copyOf(DEVICE_KEYS));
            device = dn instanceof ScalarNode || m != null ? device(y, m, d) : null;
            readout = m != null ? readout(m) : readout;
        }
        return new Plasticity(rule, epoch, frac, wMin, wMax, traces, rules, reward, y.where(), device, readout);
    }

    /**
     * A device mapping's readout: {@code read} (weight, the default, or current), {@code pair} (false or
     * true) and {@code adc_bits} (1..16, default 8); weight storage on single devices for a preset name.
     */
    private static DeviceReadout readout(YMap m) {
        String read = m.choice("read", List.of("weight", "current"), "weight", false);
        String pair = m.choice("pair", List.of("false", "true"), "false", false);
        int bits = (int) m.integer("adc_bits", 1, DeviceReadout.MAX_ADC_BITS, DeviceReadout.DEFAULT_ADC_BITS, false);
        return new DeviceReadout("current".equals(read), "true".equals(pair), bits);
    }

    /**
     * {@code device: ag-a-si} ({@code m} null), or a mapping {@code m}: {@code preset} (default ideal) and any
     * of its parameters replaced (conductances in nS, voltages and times with units). Null, after reporting,
     * when bad.
     */
    private static Device device(YMap y, YMap m, Diagnostics d) {
        if (m == null) {
            String name = y.choice("device", Device.presetNames(), null, false);
            return name == null ? null : Device.preset(name).orElseThrow();
        }
        Device b = Device.preset(m.choice("preset", Device.presetNames(), "ideal", false)).orElseThrow();
        double big = Double.MAX_VALUE;
        Device c = new Device("custom", m.number("g_min", 0, big, b.gMinNs(), false),
                m.number("g_max", 0, big, b.gMaxNs(), false),
                (int) m.integer("levels_ltp", 1, Device.MAX_LEVELS, b.levelsLtp(), false),
                (int) m.integer("levels_ltd", 1, Device.MAX_LEVELS, b.levelsLtd(), false),
                m.number("nl_ltp", -Device.MAX_NL, Device.MAX_NL, b.nlLtp(), false),
                m.number("nl_ltd", -Device.MAX_NL, Device.MAX_NL, b.nlLtd(), false),
                m.number("c2c", 0, 1, b.cycleToCycle(), false),
                m.number("d2d", 0, Device.MAX_NL, b.deviceToDevice(), false),
                m.number("read_noise", 0, 1, b.readNoise(), false),
                volts(m, "v_read", b.vRead()),
                nanoseconds(m, "t_read", b.tReadNs()),
                volts(m, "v_ltp", b.vLtp()),
                nanoseconds(m, "t_ltp", b.tLtpNs()),
                volts(m, "v_ltd", b.vLtd()),
                nanoseconds(m, "t_ltd", b.tLtdNs()));
        String problem = c.problem();
        if (problem != null) {
            d.error(m.where(), "device: " + problem);
            return null;
        }
        return c.presetId() != 0 ? Device.PRESET_IDS.get(c.presetId()) : c;
    }

    /** A voltage key in V (the description's unit is mV), or {@code fallback} when absent. */
    private static double volts(YMap m, String key, double fallback) {
        return m.has(key) ? m.quantity(key, Units.Dimension.VOLTAGE, 0, true) / 1e3 : fallback;
    }

    /** A time key in ns (the description's unit is ms), or {@code fallback} when absent. */
    private static double nanoseconds(YMap m, String key, double fallback) {
        return m.has(key) ? m.quantity(key, Units.Dimension.TIME, 0, true) * 1e6 : fallback;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return s;
    }

    /** A rule given as text under {@code key} ({@code dw: "2^-2 * x1 * y0"}), its errors located in the text. */
    private static Rule ruleText(String file, YMap y, String key, Diagnostics d) {
        String s = y.text(key, null, false);
        if (s == null) {
            return null;
        }
        String text = key + " = " + s;
        try {
            return RuleText.parse(text);
        } catch (RuleText.Error e) {
            int offset = e.col() - 1 - (key.length() + 3);
            d.error(at(file, y.get(key), Math.max(0, offset)), "'" + key + "': " + e.getMessage());
            return null;
        }
    }

    /** file:line:col of column {@code offset} inside a one-line scalar. */
    private static String at(String file, Node n, int offset) {
        boolean quoted = n instanceof ScalarNode s && s.getScalarStyle() != ScalarStyle.PLAIN;
        return n.getStartMark().map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1 + offset
                + (quoted ? 1 : 0))).orElse(file);
    }

    private static List<Trace> customTraces(String file, YMap y, double dtMs, Diagnostics d) {
        Trace[] t = new Trace[LearningConfig.TRACE_NAMES.size()];
        Arrays.fill(t, Trace.OFF);
        if (!y.has("traces")) {
            return Arrays.asList(t);
        }
        YMap m = YMap.open(file, y.get("traces"), d, "traces", Set.copyOf(LearningConfig.TRACE_NAMES));
        if (m == null) {
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < t.length; i++) {
            String name = LearningConfig.TRACE_NAMES.get(i);
            if (!m.has(name)) {
                continue;
            }
            YMap tr = YMap.open(file, m.get(name), d, "trace " + name, TRACE_KEYS);
            if (tr == null) {
                ok = false;
                continue;
            }
            int bits = (int) tr.integer("bits", 1, Trace.MAX_WIDTH, 7, false);
            int impulse = (int) tr.integer("impulse", 0, (1 << bits) - 1, (1 << bits) - 1, false);
            int decay;
            if (tr.has("tau") == tr.has("decay")) {
                tr.error(tr.has("tau") ? "decay" : "impulse", "trace " + name + " needs exactly one of 'tau' and 'decay'");
                ok = false;
                continue;
            } else if (tr.has("tau")) {
                double tau = tr.quantity("tau", Units.Dimension.TIME, dtMs, true) / dtMs;
                if (tau <= 0) {
                    tr.error("tau", "'tau' must be positive");
                    ok = false;
                    continue;
                }
                decay = Trace.decayFor(tau);
            } else {
                decay = (int) tr.integer("decay", 0, Trace.DECAY_ONE, 0, true);
            }
            boolean nearest = tr.choice("pairing", List.of("nearest", "all"), "all", false).equals("nearest");
            t[i] = new Trace(decay, impulse, bits, nearest);
        }
        return ok ? Arrays.asList(t) : null;
    }
}
