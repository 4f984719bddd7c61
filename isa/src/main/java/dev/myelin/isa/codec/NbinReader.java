package dev.myelin.isa.codec;

import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.format.ArchEntryDescriptor;
import dev.myelin.isa.format.CoreRefDescriptor;
import dev.myelin.isa.format.HeaderDescriptor;
import dev.myelin.isa.format.InputLinesDescriptor;
import dev.myelin.isa.format.NameDescriptor;
import dev.myelin.isa.format.NetworkDescriptor;
import dev.myelin.isa.format.PortDescriptor;
import dev.myelin.isa.format.SectionDescriptor;
import dev.myelin.isa.format.SymbolDescriptor;
import dev.myelin.isa.format.TrailerDescriptor;
import dev.myelin.isa.format.UnitsDescriptor;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.Symbol;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Parses a .nbin into an image, checking structure as it goes: magic, version, CRC,
 * section order and lengths, every count against the architecture and the bytes left
 * before anything is allocated, and that a file of the current version is the one encoding of its
 * image: sections present exactly when the writer puts them, zero only as +0.0. Value ranges are
 * left to {@link dev.myelin.isa.model.ImageValidator}. Work is linear in the file size: every
 * loop iteration consumes at least one byte.
 */
final class NbinReader {
    /** The parsed image and where its sections start, to place validation errors. */
    record Parsed(NetworkImage image, List<Long> coreOffsets, long inputsOffset, long outputsOffset,
                  long symbolsOffset, long unitsOffset) {
    }

    /** Section kinds in file order; NETW, ILIN (format 1.1) and UNIT (1.2) may be absent. */
    private static final String[] ORDER = {"ARCH", "NETW", "CORE", "INPT", "ILIN", "OUTP", "SYMB", "UNIT"};
    private static final int ARCH = 0, NETW = 1, CORE = 2, INPT = 3, ILIN = 4, OUTP = 5, SYMB = 6, UNIT = 7;
    private static final String SEQUENCE = "sections run ARCH, NETW, CORE..., INPT, ILIN, OUTP, SYMB, UNIT; "
            + "ILIN and UNIT are optional, NETW is absent only from 1.0 files";

    private final byte[] data;
    private final NbinIn in;
    private int minor;
    private int stage = -1;
    private Architecture arch;
    private final List<CoreImage> cores = new ArrayList<>();
    private final List<Long> coreOffsets = new ArrayList<>();
    private List<Port> inputs;
    private List<Port> outputs;
    private List<Symbol> symbols;
    private double dtMs = NetworkImage.DEFAULT_DT_MS;
    /** Offsets of INPT, OUTP, SYMB and UNIT. */
    private final long[] offsets = new long[4];

    private NbinReader(byte[] data, NbinIn in) {
        this.data = data;
        this.in = in;
    }

    static Parsed read(byte[] data, boolean verifyCrc) {
        NbinIn in = new NbinIn(data);
        try {
            return new NbinReader(data, in).readAll(verifyCrc);
        } finally {
            in.release();
        }
    }

    private Parsed readAll(boolean verifyCrc) {
        int flags = readHeader();
        long dataEnd = in.size() - TrailerDescriptor.SIZE;
        if (verifyCrc) {
            checkCrc(dataEnd);
        }
        for (int ordinal = 0; in.position() < dataEnd; ordinal++) {
            readSection(ordinal, dataEnd);
        }
        if (arch == null || inputs == null || outputs == null || symbols == null) {
            String missing = arch == null ? "ARCH" : inputs == null ? "INPT" : outputs == null ? "OUTP" : "SYMB";
            in.enter("trailer", in.size());
            throw in.error(dataEnd, "crc32", "section " + missing + " is missing (" + SEQUENCE + ")");
        }
        if (minor == HeaderDescriptor.MINOR_WITH_UNITS && stage != UNIT) {
            in.enter("header", in.size());
            throw in.error(HeaderDescriptor.MINOR.offset(), "minor", "the header says 1." + minor
                    + ", the version of files with a UNIT section, and this file has none (a file without voltage "
                    + "scales is 1." + HeaderDescriptor.MINOR_WITHOUT_UNITS + ")");
        }
        NetworkImage image = new NetworkImage(arch, flags, cores, inputs, outputs, symbols, dtMs);
        return new Parsed(image, coreOffsets, offsets[0], offsets[1], offsets[2], offsets[3]);
    }

    /** Reads one section frame and its payload, which must end exactly where the frame says. */
    private void readSection(int ordinal, long dataEnd) {
        long start = in.position();
        in.enter("#" + ordinal, dataEnd);
        int tag = (int) in.get(SectionDescriptor.TAG);
        String tagName = SectionDescriptor.name(tag & 0xffffffffL);
        int kind = stageOf(tagName);
        String name = kind == CORE ? "CORE[" + cores.size() + "]" : tagName;
        in.enter(name, dataEnd);
        long length = in.get(SectionDescriptor.LENGTH);
        if (length > in.remaining()) {
            throw in.fail(SectionDescriptor.LENGTH, length + " exceeds the " + in.remaining()
                    + " bytes left before the CRC-32 trailer");
        }
        long end = in.position() + length;
        if (kind < 0) {
            if (minor <= HeaderDescriptor.VERSION_MINOR) {
                throw in.error(start, "tag", "unknown section tag '" + tagName
                        + "' (known: " + String.join(", ", ORDER) + ")");
            }
            in.seek(end);
            return;
        }
        if (kind < stage || kind == stage && kind != CORE || kind > ARCH && arch == null
                || kind == ILIN && inputs == null || kind > INPT && inputs == null || kind > OUTP && outputs == null
                || kind == UNIT && symbols == null) {
            throw in.error(start, "tag", "section " + tagName + " out of order: " + SEQUENCE);
        }
        if (kind == UNIT && minor < HeaderDescriptor.MINOR_WITH_UNITS) {
            throw in.error(start, "tag", "section UNIT came with format 1.2, but the header says 1." + minor);
        }
        if ((kind == NETW || kind == ILIN) && minor < HeaderDescriptor.MINOR_WITHOUT_UNITS) {
            throw in.error(start, "tag", "section " + tagName + " came with format 1.1, but the header says 1." + minor);
        }
        if (kind > NETW && stage < NETW && minor >= HeaderDescriptor.MINOR_WITHOUT_UNITS) {
            throw in.error(start, "tag", "section " + tagName + " where NETW belongs: a 1." + minor
                    + " file has NETW right after ARCH (" + SEQUENCE + ")");
        }
        stage = kind;
        in.enter(name, end);
        switch (kind) {
            case ARCH -> arch = readArch();
            case NETW -> dtMs = readNetwork();
            case CORE -> readCore(start);
            case INPT -> { offsets[0] = start; inputs = readPorts(); }
            case ILIN -> inputs = readInputLines(inputs, start);
            case OUTP -> { offsets[1] = start; outputs = readPorts(); }
            case SYMB -> { offsets[2] = start; symbols = readSymbols(arch); }
            default -> { offsets[3] = start; symbols = readUnits(symbols); }
        }
        if (in.position() != end) {
            throw in.error(in.position(), "(end)", (end - in.position())
                    + " unexpected bytes before the section's end at offset " + end);
        }
    }

    private void readCore(long start) {
        coreOffsets.add(start);
        CoreImage c = new CoreSectionReader(in, arch).read();
        if (!cores.isEmpty() && c.id().compareTo(cores.get(cores.size() - 1).id()) <= 0) {
            throw in.error(start + SectionDescriptor.SIZE, "x", "core " + c.id() + " follows core "
                    + cores.get(cores.size() - 1).id() + ": cores must be unique and sorted by (y, x, slot)");
        }
        cores.add(c);
    }

    private static int stageOf(String tag) {
        for (int i = 0; i < ORDER.length; i++) {
            if (ORDER[i].equals(tag)) {
                return i;
            }
        }
        return -1;
    }

    private int readHeader() {
        in.enter("header", in.size());
        long magic = in.get(HeaderDescriptor.MAGIC);
        if (magic != HeaderDescriptor.MAGIC_VALUE) {
            throw in.fail(HeaderDescriptor.MAGIC, "not a Myelin network binary: magic '"
                    + SectionDescriptor.name(magic) + "', expected 'MYLN'");
        }
        long major = in.get(HeaderDescriptor.MAJOR);
        if (major != HeaderDescriptor.VERSION_MAJOR) {
            throw in.fail(HeaderDescriptor.MAJOR, "format version " + major + "." + "x is not supported (this reader reads "
                    + HeaderDescriptor.VERSION_MAJOR + ".x)");
        }
        minor = (int) in.get(HeaderDescriptor.MINOR);
        long flags = in.get(HeaderDescriptor.FLAGS);
        if (flags != 0) {
            throw in.fail(HeaderDescriptor.FLAGS, String.format("reserved flags must be 0, got 0x%08x", flags));
        }
        if (in.size() < in.position() + TrailerDescriptor.SIZE) {
            throw in.error(in.position(), "(end)", "truncated: the file ends before the CRC-32 trailer");
        }
        return (int) flags;
    }

    private void checkCrc(long dataEnd) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, (int) dataEnd);
        in.enter("trailer", in.size());
        in.seek(dataEnd);
        long stored = in.get(TrailerDescriptor.CRC32);
        if (stored != crc.getValue()) {
            throw in.fail(TrailerDescriptor.CRC32, String.format(
                    "CRC-32 mismatch: stored 0x%08x, computed 0x%08x (file truncated or corrupted)", stored, crc.getValue()));
        }
        in.seek(HeaderDescriptor.SIZE);
    }

    private Architecture readArch() {
        int count = in.getCount(ArchEntryDescriptor.COUNT, ArchEntryDescriptor.COUNT.max(), "u16", ArchEntryDescriptor.MIN_ENTRY_BYTES);
        Architecture.Builder b = Architecture.builder();
        Set<ArchParam> seen = EnumSet.noneOf(ArchParam.class);
        in.path.push("param", 0);
        for (int i = 0; i < count; i++) {
            long at = in.position();
            String key = in.getName("key");
            ArchParam p = ArchParam.byKey(key).orElseThrow(() -> in.error(at, "key",
                    "unknown architecture parameter '" + key + "' (written by a newer version?)"));
            in.path.pop();
            in.path.push("param[" + key + "]");
            if (!seen.add(p)) {
                throw in.error(at, "key", "parameter " + key + " appears twice");
            }
            ArchParam.Kind kind = ArchEntryDescriptor.kind(in.get(ArchEntryDescriptor.KIND));
            if (kind != p.kind()) {
                throw in.fail(ArchEntryDescriptor.KIND, key + " has kind " + kind + ", expected " + p.kind());
            }
            Object v = switch (kind) {
                case INT -> in.get(ArchEntryDescriptor.INT_VALUE);
                case REAL -> in.getReal(ArchEntryDescriptor.REAL_BITS, "value");
                default -> in.getName("value");
            };
            String problem = Architecture.Builder.checkValue(p, v);
            if (problem != null) {
                throw in.error(at, "value", key + " = " + v + " " + problem);
            }
            b.setRaw(p, v);
            in.path.pop();
            in.path.push("param", i + 1);
        }
        in.path.pop();
        try {
            return b.build("architecture");
        } catch (MyelinInputException e) {
            throw in.error(in.position(), "(end)", e.getMessage());
        }
    }

    private double readNetwork() {
        long at = in.position();
        double dt = in.getReal(NetworkDescriptor.DT_MS, "dtMs");
        String problem = NetworkImage.checkDt(dt);
        if (problem != null) {
            throw in.error(at, "dtMs", problem);
        }
        return dt;
    }

    /** The INPT ports again, each line now saying which description line it copies and its lead. */
    private List<Port> readInputLines(List<Port> ports, long sectionStart) {
        long at = in.position();
        int count = (int) in.get(InputLinesDescriptor.COUNT);
        if (count != ports.size()) {
            throw in.error(at, "count", count + " ports, but INPT has " + ports.size());
        }
        List<Port> out = new ArrayList<>(count);
        in.path.push("port", 0);
        for (int p = 0; p < count; p++) {
            in.path.index(p);
            Port port = ports.get(p);
            long sourceAt = in.position();
            long sourceLines = in.get(InputLinesDescriptor.SOURCE_LINES);
            if (sourceLines > Integer.MAX_VALUE) {
                throw in.error(sourceAt, "sourceLines", sourceLines + " exceeds " + Integer.MAX_VALUE);
            }
            int n = port.entries().size();
            if ((long) n * InputLinesDescriptor.ENTRY_SIZE > in.remaining()) {
                throw in.error(in.position(), "entry", n + " entries (one per INPT line) need "
                        + (long) n * InputLinesDescriptor.ENTRY_SIZE + " bytes; " + in.remaining() + " are left");
            }
            int[] lines = new int[n];
            int[] leads = new int[n];
            in.path.push("entry", 0);
            for (int i = 0; i < n; i++) {
                in.path.index(i);
                long lineAt = in.position();
                long line = in.get(InputLinesDescriptor.LINE);
                if (line >= sourceLines) {
                    throw in.error(lineAt, "line", "line " + line + " is not one of the port's " + sourceLines
                            + " description lines");
                }
                long leadAt = in.position();
                long lead = in.get(InputLinesDescriptor.LEAD_TICKS);
                if (lead > arch.maxDelay()) {
                    throw in.error(leadAt, "leadTicks", lead + " exceeds the largest delay, " + arch.maxDelay());
                }
                lines[i] = (int) line;
                leads[i] = (int) lead;
            }
            in.path.pop();
            out.add(new Port(port.name(), port.entries(), (int) sourceLines, lines, leads));
        }
        in.path.pop();
        if (out.stream().allMatch(Port::identity)) {
            throw in.error(sectionStart, "tag", "every input port line copies its own description line with no lead;"
                    + " ILIN is written only when some input port does not (" + count + " ports)");
        }
        return out;
    }

    private List<Port> readPorts() {
        int count = in.getAtMost(PortDescriptor.COUNT, PortDescriptor.COUNT.max(), "u16");
        List<Port> ports = new ArrayList<>();
        in.path.push("port", 0);
        for (int p = 0; p < count; p++) {
            in.path.index(p);
            String name = in.getName("name");
            int n = in.getCount(PortDescriptor.ENTRIES, Integer.MAX_VALUE, "int", PortDescriptor.ENTRY_SIZE);
            List<PortEntry> entries = new ArrayList<>(n);
            in.path.push("entry", 0);
            for (int i = 0; i < n; i++) {
                in.path.index(i);
                CoreId core = readCoreRef(in);
                entries.add(new PortEntry(core, (int) in.get(PortDescriptor.INDEX)));
            }
            in.path.pop();
            ports.add(new Port(name, entries));
        }
        in.path.pop();
        return ports;
    }

    /** The symbols again, those UNIT lists now with their voltage scale. */
    private List<Symbol> readUnits(List<Symbol> syms) {
        int count = in.getCount(UnitsDescriptor.COUNT, syms.size(), "the SYMB count",
                UnitsDescriptor.ENTRY_SIZE);
        if (count == 0) {
            throw in.fail(UnitsDescriptor.COUNT, "no entries; UNIT is written only when some population has a "
                    + "voltage scale");
        }
        List<Symbol> out = new ArrayList<>(syms);
        long previous = -1;
        in.path.push("entry", 0);
        for (int e = 0; e < count; e++) {
            in.path.index(e);
            long at = in.position();
            long s = in.get(UnitsDescriptor.SYMBOL);
            if (s >= syms.size()) {
                throw in.error(at, "symbol", s + " is not a symbol of SYMB (it has " + syms.size() + ")");
            }
            if (s <= previous) {
                throw in.error(at, "symbol", s + " follows " + previous + ": entries name symbols once, in increasing order");
            }
            previous = s;
            long scaleAt = in.position();
            Symbol.Scale scale = new Symbol.Scale(in.getReal(UnitsDescriptor.MV_PER_LSB, "mvPerLsb"),
                    in.getReal(UnitsDescriptor.MV_AT_ZERO, "mvAtZero"));
            String problem = scale.problem();
            if (problem != null) {
                throw in.error(problem.startsWith("mvPerLsb") ? scaleAt : scaleAt + UnitsDescriptor.MV_PER_LSB.bytes(),
                        problem.startsWith("mvPerLsb") ? "mvPerLsb" : "mvAtZero", problem);
            }
            out.set((int) s, syms.get((int) s).withScale(scale));
        }
        in.path.pop();
        return out;
    }

    private List<Symbol> readSymbols(Architecture archOfFile) {
        long minSymbol = NameDescriptor.LENGTH.bytes() + 1 + SymbolDescriptor.SIZE_FIELD.bytes() + SymbolDescriptor.RANGES.bytes();
        int count = in.getCount(SymbolDescriptor.COUNT, Integer.MAX_VALUE, "int", minSymbol);
        List<Symbol> symbols = new ArrayList<>(count);
        in.path.push("symbol", 0);
        for (int s = 0; s < count; s++) {
            in.path.index(s);
            String name = in.getName("name");
            int size = in.getAtMost(SymbolDescriptor.SIZE_FIELD, Integer.MAX_VALUE, "int");
            int n = in.getCount(SymbolDescriptor.RANGES, Integer.MAX_VALUE, "int", SymbolDescriptor.RANGE_SIZE);
            List<Symbol.Range> ranges = new ArrayList<>(n);
            in.path.push("range", 0);
            for (int r = 0; r < n; r++) {
                in.path.index(r);
                CoreId core = readCoreRef(in);
                int start = (int) in.get(SymbolDescriptor.NEURON_START);
                int len = in.getAtMost(SymbolDescriptor.RANGE_COUNT, archOfFile.neurons(), "core.neurons");
                if (len == 0) {
                    throw in.fail(SymbolDescriptor.RANGE_COUNT, "0: a range places at least one neuron");
                }
                int pop = in.getAtMost(SymbolDescriptor.POP_START, Integer.MAX_VALUE, "int");
                ranges.add(new Symbol.Range(core, start, len, pop));
            }
            in.path.pop();
            symbols.add(new Symbol(name, size, ranges));
        }
        in.path.pop();
        return symbols;
    }

    static CoreId readCoreRef(NbinIn in) {
        int x = (int) in.get(CoreRefDescriptor.X);
        int y = (int) in.get(CoreRefDescriptor.Y);
        int slot = (int) in.get(CoreRefDescriptor.SLOT);
        return new CoreId(x, y, slot);
    }
}
