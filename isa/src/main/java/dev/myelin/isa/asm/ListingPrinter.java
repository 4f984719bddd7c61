package dev.myelin.isa.asm;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The disassembler: prints a complete listing of an image (every field, nothing left to
 * defaults) with comments for a reader: the populations a core holds, a ruler over the
 * crossbar columns, the absolute core of each target. Assembling the output gives the same
 * image back.
 */
final class ListingPrinter {
    private final NetworkImage image;
    private final StringBuilder sb = new StringBuilder();
    private final Map<CoreId, StringBuilder> holds = new HashMap<>();

    private ListingPrinter(NetworkImage image) {
        this.image = image;
        for (Symbol s : image.symbols()) {
            for (Symbol.Range r : s.ranges()) {
                StringBuilder h = holds.computeIfAbsent(r.core(), k -> new StringBuilder());
                h.append(h.length() == 0 ? "" : ", ").append(describe(s, r));
            }
        }
    }

    static String print(NetworkImage image) {
        ListingPrinter p = new ListingPrinter(image);
        p.header();
        for (CoreImage c : image.cores()) {
            p.core(c);
        }
        p.ports(".input", image.inputs(), "axon");
        p.ports(".output", image.outputs(), "neuron");
        p.symbols();
        return p.sb.toString();
    }

    private void header() {
        Architecture a = image.arch();
        sb.append("; myelin listing: ").append(plural(image.cores().size(), "core")).append(" on ").append(a.name())
                .append(" (").append(a.datapath().id()).append(" datapath, ").append(a.meshWidth()).append('x')
                .append(a.meshHeight()).append(" routers of ").append(plural(a.coresPerRouter(), "core")).append(", ")
                .append(a.axons()).append(" axons x ").append(a.neurons()).append(" neurons per core)\n");
        sb.append("; neuron fields:\n");
        NeuronFields nf = NeuronFields.of(a);
        boolean extended = image.cores().stream().anyMatch(c -> c.neurons() instanceof LoihiNeurons l && l.extended());
        for (NeuronFields.Field f : extended || a.datapath() == Datapath.TRUENORTH ? nf.fields
                : nf.fields.subList(0, NeuronFields.LOIHI_BASIC_FIELDS)) {
            sb.append(";   ").append(f.name()).append(" = ").append(f.help()).append(" [").append(f.min())
                    .append(", ").append(f.max()).append("]\n");
        }
        sb.append("; targets: -> (dx,dy).slot axon A delay D, relative to this core's router\n");
        ArchListing.print(sb, a);
        sb.append(String.format(".flags 0x%08x%n", image.flags()));
        sb.append(".dt ").append(Double.toString(image.dtMs())).append("    ; ms of model time per tick\n");
    }

    private void core(CoreImage c) {
        CoreId id = c.id();
        sb.append("\n; ---- core (").append(id.x()).append(',').append(id.y()).append(") slot ").append(id.slot())
                .append(": ").append(plural(c.axonCount(), "axon")).append(", ").append(plural(c.neuronCount(), "neuron"))
                .append(", ").append(plural(c.synapses().synapseCount(), "synapse")).append(", ")
                .append(plural(c.targets().count(), "target")).append('\n');
        sb.append(".core ").append(id.x()).append(' ').append(id.y()).append(' ').append(id.slot());
        StringBuilder h = holds.get(id);
        sb.append(h == null ? "    ; holds no named population" : "    ; holds " + h).append('\n');
        sb.append(".axons ").append(c.axonCount()).append('\n');
        sb.append(".neurons ").append(c.neuronCount()).append('\n');
        if (c.input()) {
            sb.append(".input_core    ; input neurons: neuron a fires in every tick its axon a is active\n");
        }
        if (c.neurons() instanceof TrueNorthNeurons t) {
            boolean strict = t.negativeThreshold() == NegativeThreshold.STRICT;
            sb.append(".negative_threshold ").append(t.negativeThreshold().id())
                    .append(strict ? "    ; V < -beta crosses the negative threshold (TrueNorth's rule)"
                            : "    ; V <= -beta crosses the negative threshold (RANC's rule)").append('\n');
        }
        if (c.neurons() instanceof LoihiNeurons l) {
            sb.append(".decay ").append(switch (l.decayMode()) {
                case LoihiNeurons.DECAY_LAVA -> "lava";
                case LoihiNeurons.DECAY_NXSDK -> "nxsdk";
                default -> Integer.toString(l.decayMode());
            }).append('\n');
        }
        if (c.synapses() instanceof SparseRows s && s.dense()) {
            sb.append(".synapses dense    ; every row holds a weight for each compartment, in order\n");
        }
        for (int t = 0; t < c.formats().size(); t++) {
            SynapseFormat f = c.formats().get(t);
            sb.append(".format ").append(t).append(" bits=").append(f.numWeightBits()).append(" exp=")
                    .append(f.weightExp()).append(" sign=").append(SynapseFormat.signModeName(f.signMode())).append('\n');
        }
        axons(c);
        neurons(c);
        learning(c);
    }

    private void axons(CoreImage c) {
        int width = ("a" + Math.max(0, c.axonCount() - 1) + ":").length();
        if (c.synapses() instanceof Crossbar x) {
            int group = x.neurons() <= 64 ? 4 : 8;
            String prefix = pad("a0:", width) + " type=0 ";
            if (x.neurons() > 0) {
                StringBuilder ruler = new StringBuilder(";");
                for (int j = 0; j < x.neurons(); j += group) {
                    int at = prefix.length() + j + j / group;
                    ruler.append(" ".repeat(Math.max(1, at - ruler.length()))).append('n').append(j);
                }
                sb.append(ruler).append('\n');
            }
            for (int a = 0; a < c.axonCount(); a++) {
                sb.append(pad("a" + a + ":", width)).append(" type=").append(c.axonType()[a]);
                sb.append(x.neurons() > 0 ? " " : "");
                for (int j = 0; j < x.neurons(); j++) {
                    if (j > 0 && j % group == 0) {
                        sb.append('_');
                    }
                    sb.append(x.get(a, j) ? '1' : '0');
                }
                sb.append('\n');
            }
        } else {
            SparseRows s = (SparseRows) c.synapses();
            for (int a = 0; a < c.axonCount(); a++) {
                sb.append(pad("a" + a + ":", width)).append(" type=").append(c.axonType()[a]);
                for (int k = s.rowStart()[a]; k < s.rowStart()[a + 1]; k++) {
                    sb.append(" n").append(s.post()[k]).append(':').append(Numbers.signed(s.weight()[k]));
                }
                sb.append('\n');
            }
        }
    }

    private void neurons(CoreImage c) {
        NeuronFields nf = NeuronFields.of(image.arch());
        int n = c.neuronCount();
        int[] v = NeuronFields.slotsOf(c.neurons());
        int slots = v.length / Math.max(1, n);
        List<NeuronFields.Field> printed = nf.printed(c.neurons());
        String[][] cells = new String[n][printed.size()];
        int[] width = new int[printed.size()];
        for (int j = 0; j < n; j++) {
            for (int f = 0; f < printed.size(); f++) {
                NeuronFields.Field fd = printed.get(f);
                StringBuilder cell = new StringBuilder(fd.name()).append('=');
                for (int k = 0; k < fd.arity(); k++) {
                    int x = v[j * slots + fd.slot() + k];
                    cell.append(k > 0 ? "," : "").append(fd.name().equals("s") ? Numbers.signed(x) : Integer.toString(x));
                }
                cells[j][f] = cell.toString();
                width[f] = Math.max(width[f], cell.length());
            }
        }
        int labelWidth = ("n" + Math.max(0, n - 1) + ":").length();
        Targets t = c.targets();
        for (int j = 0; j < n; j++) {
            StringBuilder row = new StringBuilder(pad("n" + j + ":", labelWidth));
            for (int f = 0; f < cells[j].length; f++) {
                row.append(' ').append(f == cells[j].length - 1 ? cells[j][f] : pad(cells[j][f], width[f]));
            }
            if (t.countOf(j) == 1) {
                row.append(' ').append(target(t, t.start()[j]));
            }
            sb.append(row.toString().stripTrailing()).append('\n');
            if (t.countOf(j) > 1) {
                for (int k = t.start()[j]; k < t.start()[j + 1]; k++) {
                    CoreId id = c.id();
                    sb.append("    ").append(target(t, k)).append("    ; core (").append(id.x() + t.dx()[k]).append(',')
                            .append(id.y() + t.dy()[k]).append(',').append(t.slot()[k]).append(")\n");
                }
            }
        }
    }

    private static String target(Targets t, int k) {
        return "-> (" + Numbers.signed(t.dx()[k]) + "," + Numbers.signed(t.dy()[k]) + ")." + t.slot()[k]
                + " axon " + t.axon()[k] + " delay " + t.delay()[k];
    }

    /** The learning section in readable form (docs/learning.md): the directives that assemble back to it. */
    private void learning(CoreImage c) {
        if (c.learning().length == 0) {
            return;
        }
        var l = dev.myelin.isa.codec.LearningCodec.decode(c.learning(), c.axonCount());
        sb.append(".learning epoch=").append(l.epoch()).append(" weight_frac=").append(l.weightFrac())
                .append(" w_min=").append(l.wMin()).append(" w_max=").append(l.wMax()).append(" reward=")
                .append(l.rewardAxon() < 0 ? "none" : Integer.toString(l.rewardAxon())).append('\n');
        for (int i = 0; i < l.traces().size(); i++) {
            var t = l.traces().get(i);
            sb.append(".trace ").append(dev.myelin.isa.learn.LearningConfig.TRACE_NAMES.get(i)).append(" decay=")
                    .append(t.decay()).append(" impulse=").append(t.impulse()).append(" width=").append(t.width())
                    .append(" mode=").append(t.nearest() ? "nearest" : "add").append('\n');
        }
        for (var r : l.rules()) {
            sb.append(".rule \"").append(r.text()).append("\"\n");
        }
        StringBuilder ranges = new StringBuilder();
        boolean[] p = l.plastic();
        for (int a = 0; a < p.length; a++) {
            if (!p[a]) {
                continue;
            }
            int b = a;
            while (b + 1 < p.length && p[b + 1]) {
                b++;
            }
            ranges.append(' ').append(a).append(b > a ? ".." + b : "");
            if (ranges.length() > 100) {
                sb.append(".plastic").append(ranges).append('\n');
                ranges.setLength(0);
            }
            a = b;
        }
        if (ranges.length() > 0) {
            sb.append(".plastic").append(ranges).append('\n');
        }
        var d = l.device();
        if (d != null && d.presetId() != 0) {
            sb.append(".device ").append(d.name()).append('\n');
        } else if (d != null) {
            sb.append(".device custom g_min=").append(d.gMinNs()).append(" g_max=").append(d.gMaxNs())
                    .append(" levels_ltp=").append(d.levelsLtp()).append(" levels_ltd=").append(d.levelsLtd())
                    .append(" nl_ltp=").append(d.nlLtp()).append(" nl_ltd=").append(d.nlLtd())
                    .append(" c2c=").append(d.cycleToCycle()).append(" d2d=").append(d.deviceToDevice())
                    .append(" read_noise=").append(d.readNoise()).append(" v_read=").append(d.vRead())
                    .append(" t_read=").append(d.tReadNs()).append(" v_ltp=").append(d.vLtp())
                    .append(" t_ltp=").append(d.tLtpNs()).append(" v_ltd=").append(d.vLtd())
                    .append(" t_ltd=").append(d.tLtdNs()).append('\n');
        }
        var r = l.readout();
        if (d != null && !r.equals(dev.myelin.isa.learn.DeviceReadout.STORAGE)) {
            sb.setLength(sb.length() - 1);
            sb.append(" read=").append(r.readName()).append(" pair=").append(r.pair()).append(" adc_bits=")
                    .append(r.adcBits()).append('\n');
        }
    }

    /** Input ports that map description lines print {@code lines=N} and each line's {@code line L lead D}. */
    private void ports(String directive, List<Port> ports, String field) {
        for (Port p : ports) {
            boolean mapped = directive.equals(".input") && !p.identity();
            sb.append('\n').append(directive).append(' ').append(Lexer.quoteIfNeeded(p.name()));
            if (mapped) {
                sb.append(" lines=").append(p.sourceLines());
            }
            sb.append("    ; ").append(plural(p.entries().size(), "line"));
            if (mapped) {
                sb.append(" copying ").append(plural(p.sourceLines(), "description line"));
            }
            sb.append('\n');
            for (int i = 0; i < p.entries().size(); i++) {
                PortEntry e = p.entries().get(i);
                sb.append("  ").append(i).append(": core ").append(coords(e.core())).append(' ').append(field)
                        .append(' ').append(e.index());
                if (mapped) {
                    sb.append(" line ").append(p.line()[i]).append(" lead ").append(p.lead()[i]);
                }
                sb.append('\n');
            }
        }
    }

    private void symbols() {
        for (Symbol s : image.symbols()) {
            sb.append('\n').append(".symbol ").append(Lexer.quoteIfNeeded(s.population())).append(" size=")
                    .append(s.size());
            if (s.scale() != null) {
                sb.append(" mv_per_lsb=").append(Double.toString(s.scale().mvPerLsb())).append(" mv_at_zero=")
                        .append(Double.toString(s.scale().mvAtZero()));
            }
            sb.append('\n');
            for (Symbol.Range r : s.ranges()) {
                sb.append("  core ").append(coords(r.core())).append(" neuron=").append(r.neuronStart())
                        .append(" count=").append(r.count()).append(" pop=").append(r.popStart())
                        .append("    ; ").append(describe(s, r)).append('\n');
            }
        }
    }

    private static String describe(Symbol s, Symbol.Range r) {
        if (r.count() == 0) {
            return s.population() + "[] (empty)";
        }
        return s.population() + "[" + r.popStart() + ".." + (r.popStart() + r.count() - 1) + "] in n"
                + r.neuronStart() + "..n" + (r.neuronStart() + r.count() - 1);
    }

    private static String coords(CoreId c) {
        return c.x() + " " + c.y() + " " + c.slot();
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
