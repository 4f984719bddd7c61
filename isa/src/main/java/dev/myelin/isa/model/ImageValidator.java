package dev.myelin.isa.model;

import dev.myelin.isa.arch.Architecture;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole image against its embedded architecture and datapath: every value range,
 * core ids unique and on the board, targets landing on used cores and axons, ports and
 * symbols naming existing cores, axons and neurons. The first problem found is thrown as an
 * {@link ImageViolation} naming the core (or port, symbol), field, value and limit.
 */
public final class ImageValidator {
    private ImageValidator() {
    }

    public static void validate(NetworkImage image) {
        Architecture arch = image.arch();
        if (image.flags() != 0) {
            throw new ImageViolation("image", null, "header", "flags", "=" + image.flags() + " must be 0 (reserved)");
        }
        String dt = NetworkImage.checkDt(image.dtMs());
        if (dt != null) {
            throw new ImageViolation("image", null, "NETW", "dtMs", " " + dt);
        }
        checkCount(image.inputs().size(), "INPT", "input ports");
        checkCount(image.outputs().size(), "OUTP", "output ports");
        Map<CoreId, CoreImage> byId = new HashMap<>();
        for (CoreImage c : image.cores()) {
            if (byId.put(c.id(), c) != null) {
                throw new ImageViolation("core " + c.id(), c.id(), "CORE", "id", "=" + c.id() + " is used twice");
            }
            new CoreRules(arch, c).check();
        }
        CoreGrid grid = new CoreGrid(image.cores(), arch.coresPerRouter());
        // axons used per core, by index: a target's check reads one int, not its core's image
        int[] axonsOf = new int[image.cores().size()];
        for (int i = 0; i < axonsOf.length; i++) {
            axonsOf[i] = image.cores().get(i).axonCount();
        }
        for (CoreImage c : image.cores()) {
            checkLanding(c, image.cores(), grid, axonsOf);
        }
        checkPorts(image.inputs(), "INPT", "input port", byId, true);
        checkInputLines(image.inputs(), arch.maxDelay());
        checkPorts(image.outputs(), "OUTP", "output port", byId, false);
        checkSymbols(image.symbols(), byId);
    }

    /**
     * The checks of one core alone (place, sizes, every value range of its datapath, target
     * fields), without those that need the rest of the image: for the chip's datapaths, which
     * may be handed cores that never went through the codec.
     */
    public static void validateCore(Architecture arch, CoreImage core) {
        new CoreRules(arch, core).check();
    }

    /** Port counts are u16 in the binary. */
    private static void checkCount(int n, String section, String what) {
        if (n > Limits.PORTS_MAX) {
            throw new ImageViolation("image", null, section, "count", "=" + n + " " + what + " exceed " + Limits.PORTS_MAX);
        }
    }

    /** Every target is an axon in use on a core of the image. */
    private static void checkLanding(CoreImage c, List<CoreImage> cores, CoreGrid grid, int[] axonsOf) {
        Targets t = c.targets();
        int x = c.id().x();
        int y = c.id().y();
        int[] start = t.start();
        int[] dx = t.dx();
        int[] dy = t.dy();
        int[] slot = t.slot();
        int[] axon = t.axon();
        for (int j = 0; j < t.neurons(); j++) {
            for (int k = start[j]; k < start[j + 1]; k++) {
                int d = grid.indexOf(x + dx[k], y + dy[k], slot[k]);
                if (d >= 0 && axon[k] < axonsOf[d]) {
                    continue;
                }
                CoreImage dest = d < 0 ? null : cores.get(d);
                CoreId to = new CoreId(x + t.dx()[k], y + t.dy()[k], t.slot()[k]);
                String field = "neuron[" + j + "].target[" + (k - t.start()[j]) + "]";
                if (dest == null) {
                    throw new ImageViolation("core " + c.id(), c.id(), "CORE", field,
                            " (dx=" + t.dx()[k] + ", dy=" + t.dy()[k] + ", slot=" + t.slot()[k]
                                    + ") lands on core " + to + ", which is not in the image");
                }
                throw new ImageViolation("core " + c.id(), c.id(), "CORE", field + ".axon",
                        "=" + t.axon()[k] + " exceeds " + (dest.axonCount() - 1) + " (core " + to
                                + " uses " + dest.axonCount() + " axons)");
            }
        }
    }

    private static void checkPorts(List<Port> ports, String section, String kind, Map<CoreId, CoreImage> byId,
                                   boolean axons) {
        Set<String> names = new HashSet<>();
        for (int p = 0; p < ports.size(); p++) {
            Port port = ports.get(p);
            String scope = kind + " " + p;
            checkName(port.name(), scope, section, "port[" + p + "].name", names);
            scope = kind + " '" + port.name() + "'";
            for (int i = 0; i < port.entries().size(); i++) {
                PortEntry e = port.entries().get(i);
                String field = "port[" + p + "].entry[" + i + "]";
                CoreImage c = existing(e.core(), byId, scope, section, field);
                int limit = axons ? c.axonCount() : c.neuronCount();
                if (e.index() < 0 || e.index() >= limit) {
                    throw new ImageViolation(scope, null, section, field + (axons ? ".axon" : ".neuron"),
                            "=" + e.index() + " is not one of the " + limit + (axons ? " axons" : " neurons")
                                    + " used by core " + e.core());
                }
            }
        }
    }

    /** Every input port line copies one of its description lines, with a lead no longer than a delay. */
    private static void checkInputLines(List<Port> ports, int maxDelay) {
        for (int p = 0; p < ports.size(); p++) {
            Port port = ports.get(p);
            String scope = "input port '" + port.name() + "'";
            if (port.sourceLines() < 0) {
                throw new ImageViolation(scope, null, "INPT", "port[" + p + "].sourceLines",
                        "=" + port.sourceLines() + " is negative");
            }
            for (int i = 0; i < port.entries().size(); i++) {
                String field = "port[" + p + "].entry[" + i + "]";
                if (port.line()[i] < 0 || port.line()[i] >= port.sourceLines()) {
                    throw new ImageViolation(scope, null, "INPT", field + ".line", "=" + port.line()[i]
                            + " is not one of the port's " + port.sourceLines() + " description lines");
                }
                if (port.lead()[i] < 0 || port.lead()[i] > maxDelay) {
                    throw new ImageViolation(scope, null, "INPT", field + ".leadTicks", "=" + port.lead()[i]
                            + " is out of range [0, " + maxDelay + "]");
                }
            }
        }
    }

    private static void checkSymbols(List<Symbol> symbols, Map<CoreId, CoreImage> byId) {
        Set<String> names = new HashSet<>();
        for (int s = 0; s < symbols.size(); s++) {
            Symbol sym = symbols.get(s);
            checkName(sym.population(), "symbol " + s, "SYMB", "symbol[" + s + "].name", names);
            String scope = "symbol '" + sym.population() + "'";
            if (sym.size() < 0) {
                throw new ImageViolation(scope, null, "SYMB", "symbol[" + s + "].size", "=" + sym.size() + " is negative");
            }
            if (sym.scale() != null && sym.scale().problem() != null) {
                throw new ImageViolation(scope, null, "UNIT", "symbol[" + s + "].scale", ": " + sym.scale().problem());
            }
            for (int r = 0; r < sym.ranges().size(); r++) {
                Symbol.Range range = sym.ranges().get(r);
                String field = "symbol[" + s + "].range[" + r + "]";
                CoreImage c = existing(range.core(), byId, scope, "SYMB", field);
                if (range.neuronStart() < 0 || range.popStart() < 0) {
                    throw new ImageViolation(scope, null, "SYMB", field, " has a negative start");
                }
                if (range.count() < 1) {
                    throw new ImageViolation(scope, null, "SYMB", field + ".count", "=" + range.count()
                            + ": a range places at least one neuron");
                }
                if ((long) range.neuronStart() + range.count() > c.neuronCount()) {
                    throw new ImageViolation(scope, null, "SYMB", field + ".neuronStart",
                            "=" + range.neuronStart() + " + count=" + range.count() + " exceeds the "
                                    + c.neuronCount() + " neurons used by core " + range.core());
                }
                if ((long) range.popStart() + range.count() > sym.size()) {
                    throw new ImageViolation(scope, null, "SYMB", field + ".popStart",
                            "=" + range.popStart() + " + count=" + range.count() + " exceeds population size "
                                    + sym.size());
                }
            }
        }
    }

    private static CoreImage existing(CoreId id, Map<CoreId, CoreImage> byId, String scope, String section,
                                      String field) {
        CoreImage c = byId.get(id);
        if (c == null) {
            throw new ImageViolation(scope, null, section, field + ".core", "=" + id + " is not a core of the image");
        }
        return c;
    }

    private static void checkName(String name, String scope, String section, String field, Set<String> seen) {
        if (!Limits.isName(name)) {
            throw new ImageViolation(scope, null, section, field, "='" + printable(name)
                    + "' must be 1-255 printable ASCII characters without spaces");
        }
        if (!seen.add(name)) {
            throw new ImageViolation(scope, null, section, field, "='" + name + "' is used twice");
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(s.length(), 40); i++) {
            char c = s.charAt(i);
            b.append(c > ' ' && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c & 0xff));
        }
        return s.length() > 40 ? b + "..." : b.toString();
    }
}
