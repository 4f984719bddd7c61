package dev.myelin.isa.asm;

import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.diag.DidYouMean;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.Symbol;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a listing line by line into a {@link NetworkImage} (the assembler's front half; the
 * grammar is in docs/isa.md, "Listing syntax"). Stops at the first error, reported as
 * {@code file:line:col: message}. Cores, ports and symbols keep the order they are written in,
 * so a disassembled listing assembles back to the same bytes.
 */
final class ListingParser {
    /** Longest line accepted, checked while reading (a full 65,536-neuron crossbar row is ~74,000). */
    static final int MAX_LINE_CHARS = 1 << 22;

    static final List<String> DIRECTIVES = List.of(".arch", ".set", ".flags", ".dt", ".core", ".axons", ".neurons",
            ".decay", ".synapses", ".negative_threshold", ".input_core", ".format", ".learning", ".trace", ".rule",
            ".plastic", ".device", ".delays", ".delay", ".input", ".output", ".symbol");

    private enum Section { TOP, CORE, INPUT, OUTPUT, SYMBOL }

    private final String file;
    private Architecture.Builder archBuilder;
    private Architecture arch;
    private int archLine;
    private final Map<ArchParam, Integer> setLines = new EnumMap<>(ArchParam.class);
    private int flags;
    private int flagsLine;
    private double dtMs = NetworkImage.DEFAULT_DT_MS;
    private int dtLine;
    private Section section = Section.TOP;
    private CoreAssembler core;
    private final List<CoreImage> cores = new ArrayList<>();
    private final SourceMap sources = new SourceMap();
    private final Map<CoreId, Integer> coreAt = new HashMap<>();
    private final List<Port> inputs = new ArrayList<>();
    private final List<Port> outputs = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();
    private String openName;
    private int openSize;
    private Symbol.Scale openScale;
    /** {@code lines=N} of an open .input table, or -1 when not given (one description line per port line). */
    private int openSourceLines;
    private final IntList openLines = new IntList();
    private final IntList openLeads = new IntList();
    private final List<Object> openEntries = new ArrayList<>();

    private ListingParser(String file) {
        this.file = file;
    }

    /** The image and where its parts were written (for the validator's findings). */
    record Result(NetworkImage image, SourceMap sources) {
    }

    static Result parse(String file, Reader in) throws IOException {
        ListingParser p = new ListingParser(file);
        LineReader lines = new LineReader(in, MAX_LINE_CHARS);
        String text;
        while ((text = lines.next()) != null) {
            if (text.length() > MAX_LINE_CHARS) {
                throw ListingException.at(file, lines.lineNo(), MAX_LINE_CHARS + 1,
                        "line longer than " + MAX_LINE_CHARS + " characters");
            }
            List<Token> tokens = Lexer.tokenize(file, lines.lineNo(), text);
            if (!tokens.isEmpty()) {
                p.line(new Line(file, lines.lineNo(), tokens, text.length() + 1));
            }
        }
        return p.finish(lines.lineNo());
    }

    private void line(Line l) {
        Token first = l.peek();
        String t = first.text();
        if (first.kind() == Token.Kind.ATOM && t.startsWith(".") && t.length() > 1 && Character.isLetter(t.charAt(1))) {
            l.next();
            directive(l, first);
        } else if (arch == null && archBuilder == null) {
            throw l.error(first, "missing .arch: a listing starts with .arch PRESET (e.g. .arch tiny)");
        } else if (section == Section.CORE) {
            coreLine(l, first);
        } else if (section == Section.INPUT || section == Section.OUTPUT) {
            portEntry(l);
        } else if (section == Section.SYMBOL) {
            symbolRange(l);
        } else {
            throw l.error(first, "unexpected " + first.describe() + ": expected a directive such as .core");
        }
    }

    private void coreLine(Line l, Token first) {
        String t = first.text();
        if (first.kind() == Token.Kind.ARROW) {
            core.continuation(l);
        } else if (first.kind() == Token.Kind.ATOM && t.startsWith("a") && t.length() > 1) {
            core.axon(l, l.next());
        } else if (first.kind() == Token.Kind.ATOM && t.startsWith("n") && t.length() > 1) {
            core.neuron(l, l.next());
            l.expectEnd();
        } else {
            throw l.error(first, "unexpected " + first.describe()
                    + " in a core: expected an axon line aI:, a neuron line nJ:, a target '->' or a directive");
        }
    }

    private void directive(Line l, Token d) {
        String name = d.text();
        if (name.equals(".arch")) {
            if (archBuilder != null || arch != null) {
                throw l.error(d, ".arch given twice (first at line " + archLine + ")");
            }
            archLine = l.lineNo();
            archBuilder = ArchListing.parseArch(l);
            return;
        }
        if (!DIRECTIVES.contains(name)) {
            throw l.error(d, "unknown directive " + name + DidYouMean.suggest(name, DIRECTIVES));
        }
        if (archBuilder == null && arch == null) {
            throw l.error(d, "missing .arch: a listing starts with .arch PRESET (e.g. .arch tiny)");
        }
        if (name.equals(".set")) {
            if (arch != null) {
                throw l.error(d, ".set must come before the first .core, .input, .output or .symbol");
            }
            setLines.put(ArchListing.parseSet(l, archBuilder), l.lineNo());
            return;
        }
        if (name.equals(".flags")) {
            flags(l, d);
            return;
        }
        if (name.equals(".dt")) {
            dt(l, d);
            return;
        }
        requireArch();
        switch (name) {
            case ".core" -> openCore(l);
            case ".input", ".output", ".symbol" -> openTable(l, name);
            default -> inCore(l, d);
        }
    }

    private void inCore(Line l, Token d) {
        if (section != Section.CORE) {
            throw l.error(d, d.text() + " must be inside a core (after .core X Y SLOT)");
        }
        switch (d.text()) {
            case ".axons" -> core.axons(l);
            case ".neurons" -> core.neurons(l);
            case ".decay" -> core.decay(l, d);
            case ".synapses" -> core.synapses(l, d);
            case ".negative_threshold" -> core.negativeThreshold(l, d);
            case ".input_core" -> core.inputCore(l, d);
            case ".format" -> core.format(l, d);
            case ".learning" -> core.learning(l, d);
            case ".trace" -> core.trace(l, d);
            case ".rule" -> core.rule(l, d);
            case ".plastic" -> core.plastic(l, d);
            case ".device" -> core.device(l, d);
            case ".delays" -> core.delays(l, d);
            case ".delay" -> core.delay(l, d);
            default -> throw new IllegalStateException("directive " + d.text() + " not dispatched");
        }
    }

    private void flags(Line l, Token d) {
        if (flagsLine != 0) {
            throw l.error(d, ".flags given twice (first at line " + flagsLine + ")");
        }
        Token t = l.peek();
        flags = (int) l.expectLong("flags", Integer.MIN_VALUE, 0xFFFF_FFFFL);
        l.expectEnd();
        if (flags != 0) {
            throw l.error(t, String.format("flags = 0x%08x: the header flags are reserved and must be 0", flags));
        }
        flagsLine = l.lineNo();
    }

    /** {@code .dt MS}: the model time one tick stands for (default 1 ms). */
    private void dt(Line l, Token d) {
        if (dtLine != 0) {
            throw l.error(d, ".dt given twice (first at line " + dtLine + ")");
        }
        if (arch != null) {
            throw l.error(d, ".dt must come before the first .core, .input, .output or .symbol");
        }
        Token t = l.expectAtom("dt in ms");
        double v = Numbers.parseDouble(l, t, "dt (ms)");
        String problem = NetworkImage.checkDt(v);
        if (problem != null) {
            throw l.error(t, problem);
        }
        l.expectEnd();
        dtMs = v;
        dtLine = l.lineNo();
    }

    private void requireArch() {
        if (arch == null) {
            arch = ArchListing.build(archBuilder, file, archLine, setLines);
            archBuilder = null;
        }
    }

    private void openCore(Line l) {
        closeSection();
        int col = l.col();
        int[] c = l.expectCoords(arch);
        l.expectEnd();
        CoreId id = new CoreId(c[0], c[1], c[2]);
        Integer first = coreAt.putIfAbsent(id, l.lineNo());
        if (first != null) {
            throw l.error(col, "core " + c[0] + " " + c[1] + " " + c[2] + " defined twice (first at line " + first + ")");
        }
        core = new CoreAssembler(arch, id, l.lineNo());
        section = Section.CORE;
    }

    private void openTable(Line l, String name) {
        closeSection();
        openName = l.expectName(name.equals(".symbol") ? "a population name" : "a port name");
        openSize = 0;
        openSourceLines = -1;
        openScale = null;
        if (name.equals(".symbol")) {
            openSize = l.expectField("size", 0, Integer.MAX_VALUE);
            if (!l.atEnd()) {
                openScale = scale(l);
            }
        } else if (name.equals(".input") && l.peekIs("lines")) {
            openSourceLines = l.expectField("lines", 0, Integer.MAX_VALUE);
        }
        l.expectEnd();
        section = switch (name) {
            case ".input" -> Section.INPUT;
            case ".output" -> Section.OUTPUT;
            default -> Section.SYMBOL;
        };
        sources.table(tableName(), l.lineNo());
    }

    /** {@code L: core X Y SLOT axon A} (inputs) or {@code ... neuron N} (outputs). */
    private void portEntry(Line l) {
        Token lt = l.peek();
        int index = l.expectInt("port line number", 0, Integer.MAX_VALUE);
        if (index != openEntries.size()) {
            throw l.error(lt, "port line " + index + " out of order: the next line of port " + openName
                    + " is " + openEntries.size());
        }
        l.expectPunct(":");
        CoreId c = coreKeyword(l);
        boolean in = section == Section.INPUT;
        int i = in ? l.expectField("axon", 0, arch.axons() - 1) : l.expectField("neuron", 0, arch.neurons() - 1);
        int line = openEntries.size();
        int lead = 0;
        if (in && l.peekIs("line")) {
            line = l.expectField("line", 0, openSourceLines < 0 ? Integer.MAX_VALUE : Math.max(0, openSourceLines - 1));
        }
        if (in && l.peekIs("lead")) {
            lead = l.expectField("lead", 0, arch.maxDelay());
        }
        l.expectEnd();
        openEntries.add(new PortEntry(c, i));
        if (in) {
            openLines.add(line);
            openLeads.add(lead);
        }
        sources.entry(tableName(), l.lineNo());
    }

    /** {@code mv_per_lsb=R mv_at_zero=R} after {@code .symbol NAME size=N}: the population's voltage scale (UNIT). */
    private static Symbol.Scale scale(Line l) {
        Token first = l.peek();
        double perLsb = realField(l, "mv_per_lsb");
        double atZero = realField(l, "mv_at_zero");
        Symbol.Scale s = new Symbol.Scale(perLsb, atZero);
        if (s.problem() != null) {
            throw l.error(first, s.problem());
        }
        return s;
    }

    private static double realField(Line l, String key) {
        Token k = l.expectAtom("'" + key + "'");
        if (!k.text().equals(key)) {
            throw l.error(k, "expected '" + key + "', found " + k.describe());
        }
        l.accept("=");
        return Numbers.parseDouble(l, l.expectAtom(key + " (a real number)"), key);
    }

    /** {@code core X Y SLOT neuron=J count=C pop=P}. */
    private void symbolRange(Line l) {
        CoreId c = coreKeyword(l);
        int j = l.expectField("neuron", 0, arch.neurons() - 1);
        int count = l.expectField("count", 1, arch.neurons());
        int pop = l.expectField("pop", 0, Integer.MAX_VALUE);
        l.expectEnd();
        openEntries.add(new Symbol.Range(c, j, count, pop));
        sources.entry(tableName(), l.lineNo());
    }

    /** The binary section name of the open table, as the validator names it. */
    private String tableName() {
        return switch (section) {
            case INPUT -> "INPT";
            case OUTPUT -> "OUTP";
            default -> "SYMB";
        };
    }

    private CoreId coreKeyword(Line l) {
        Token k = l.expectAtom("'core'");
        if (!k.text().equals("core")) {
            throw l.error(k, "expected 'core', found " + k.describe());
        }
        int[] c = l.expectCoords(arch);
        return new CoreId(c[0], c[1], c[2]);
    }

    @SuppressWarnings("unchecked")
    private void closeSection() {
        switch (section) {
            case CORE -> {
                CoreImage built = core.build();
                cores.add(built);
                sources.core(built.id(), core.lines(built));
                core = null;
            }
            case INPUT -> {
                List<PortEntry> entries = (List<PortEntry>) (List<?>) openEntries;
                inputs.add(new Port(openName, entries, openSourceLines < 0 ? entries.size() : openSourceLines,
                        openLines.toArray(), openLeads.toArray()));
                openLines.clear();
                openLeads.clear();
            }
            case OUTPUT -> outputs.add(new Port(openName, (List<PortEntry>) (List<?>) openEntries));
            case SYMBOL -> symbols.add(new Symbol(openName, openSize, (List<Symbol.Range>) (List<?>) openEntries,
                    openScale));
            default -> {
            }
        }
        openEntries.clear();
        section = Section.TOP;
    }

    private Result finish(int lastLine) {
        if (arch == null && archBuilder == null) {
            throw ListingException.at(file, Math.max(1, lastLine), 1,
                    "missing .arch: a listing starts with .arch PRESET (e.g. .arch tiny)");
        }
        requireArch();
        closeSection();
        return new Result(new NetworkImage(arch, flags, cores, inputs, outputs, symbols, dtMs), sources);
    }
}
