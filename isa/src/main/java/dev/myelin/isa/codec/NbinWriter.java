package dev.myelin.isa.codec;

import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.arch.Architecture;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes an image field by field in the order of docs/isa.md: header, ARCH, NETW, CORE per
 * used core (sorted by id), INPT, ILIN (only when an input port maps lines), OUTP, SYMB, UNIT
 * (only when a population has a voltage scale), CRC-32. Same image, same bytes. The header
 * carries the lowest minor version whose sections the file uses (1.2 with UNIT, else 1.1), so a
 * file without voltage scales stays whole for a 1.1 reader.
 */
final class NbinWriter {
    private final NbinOut out;

    NbinWriter(NbinOut out) {
        this.out = out;
    }

    void write(NetworkImage image) {
        out.path.push("header");
        out.put(HeaderDescriptor.MAGIC, HeaderDescriptor.MAGIC_VALUE);
        out.put(HeaderDescriptor.MAJOR, HeaderDescriptor.VERSION_MAJOR);
        out.put(HeaderDescriptor.MINOR, minorVersion(image));
        out.put(HeaderDescriptor.FLAGS, image.flags() & 0xffffffffL);
        out.path.clear();
        writeArch(image.arch());
        long netw = out.beginSection(SectionDescriptor.NETW, "network", -1);
        out.put(NetworkDescriptor.DT_MS, Double.doubleToRawLongBits(image.dtMs()));
        out.endSection(netw);
        List<CoreImage> cores = new ArrayList<>(image.cores());
        cores.sort(Comparator.comparing(CoreImage::id));
        CoreSectionWriter coreWriter = new CoreSectionWriter(out);
        for (int i = 0; i < cores.size(); i++) {
            long token = out.beginSection(SectionDescriptor.CORE, "core", i);
            coreWriter.write(cores.get(i));
            out.endSection(token);
        }
        writePorts(SectionDescriptor.INPT, "inputs", image.inputs());
        if (!image.inputs().stream().allMatch(Port::identity)) {
            writeInputLines(image.inputs());
        }
        writePorts(SectionDescriptor.OUTP, "outputs", image.outputs());
        writeSymbols(image.symbols());
        if (hasUnits(image)) {
            writeUnits(image.symbols());
        }
        out.path.push("trailer");
        out.put(TrailerDescriptor.CRC32, out.crc32());
        out.path.clear();
    }

    static boolean hasUnits(NetworkImage image) {
        return image.symbols().stream().anyMatch(s -> s.scale() != null);
    }

    static int minorVersion(NetworkImage image) {
        return hasUnits(image) ? HeaderDescriptor.MINOR_WITH_UNITS : HeaderDescriptor.MINOR_WITHOUT_UNITS;
    }

    /** UNIT: one entry per population with a voltage scale, in symbol order. */
    private void writeUnits(List<Symbol> symbols) {
        long token = out.beginSection(SectionDescriptor.UNIT, "units", -1);
        out.put(UnitsDescriptor.COUNT, symbols.stream().filter(s -> s.scale() != null).count());
        out.path.push("entry", 0);
        int e = 0;
        for (int s = 0; s < symbols.size(); s++) {
            Symbol.Scale scale = symbols.get(s).scale();
            if (scale == null) {
                continue;
            }
            out.path.index(e++);
            out.put(UnitsDescriptor.SYMBOL, s);
            out.put(UnitsDescriptor.MV_PER_LSB, Double.doubleToRawLongBits(scale.mvPerLsb()));
            out.put(UnitsDescriptor.MV_AT_ZERO, Double.doubleToRawLongBits(scale.mvAtZero()));
        }
        out.path.pop();
        out.endSection(token);
    }

    private void writeArch(Architecture arch) {
        long token = out.beginSection(SectionDescriptor.ARCH, "arch", -1);
        out.put(ArchEntryDescriptor.COUNT, ArchParam.all().size());
        for (ArchParam p : ArchParam.all()) {
            out.path.push("param[" + p.key() + "]");
            writeName(p.key(), "key");
            out.put(ArchEntryDescriptor.KIND, ArchEntryDescriptor.kindCode(p.kind()));
            switch (p.kind()) {
                case INT -> out.put(ArchEntryDescriptor.INT_VALUE, arch.integer(p));
                case REAL -> out.put(ArchEntryDescriptor.REAL_BITS, Double.doubleToRawLongBits(arch.real(p)));
                default -> writeName(arch.text(p), "value");
            }
            out.path.pop();
        }
        out.endSection(token);
    }

    private void writePorts(int tag, String name, List<Port> ports) {
        long token = out.beginSection(tag, name, -1);
        out.put(PortDescriptor.COUNT, ports.size());
        out.path.push("port", 0);
        for (int p = 0; p < ports.size(); p++) {
            out.path.index(p);
            Port port = ports.get(p);
            writeName(port.name(), "name");
            out.put(PortDescriptor.ENTRIES, port.entries().size());
            out.path.push("entry", 0);
            for (int i = 0; i < port.entries().size(); i++) {
                out.path.index(i);
                PortEntry e = port.entries().get(i);
                writeCoreRef(e.core());
                out.put(PortDescriptor.INDEX, e.index());
            }
            out.path.pop();
        }
        out.endSection(token);
    }

    /** ILIN, written only when some input port is not the identity (a 1.0 reader's view stays true otherwise). */
    private void writeInputLines(List<Port> ports) {
        long token = out.beginSection(SectionDescriptor.ILIN, "inputLines", -1);
        out.put(InputLinesDescriptor.COUNT, ports.size());
        out.path.push("port", 0);
        for (int p = 0; p < ports.size(); p++) {
            out.path.index(p);
            out.put(InputLinesDescriptor.SOURCE_LINES, ports.get(p).sourceLines());
            out.path.push("entry", 0);
            Port port = ports.get(p);
            for (int i = 0; i < port.entries().size(); i++) {
                out.path.index(i);
                out.put(InputLinesDescriptor.LINE, port.line()[i]);
                out.put(InputLinesDescriptor.LEAD_TICKS, port.lead()[i]);
            }
            out.path.pop();
        }
        out.endSection(token);
    }

    private void writeSymbols(List<Symbol> symbols) {
        long token = out.beginSection(SectionDescriptor.SYMB, "symbols", -1);
        out.put(SymbolDescriptor.COUNT, symbols.size());
        out.path.push("symbol", 0);
        for (int s = 0; s < symbols.size(); s++) {
            out.path.index(s);
            Symbol sym = symbols.get(s);
            writeName(sym.population(), "name");
            out.put(SymbolDescriptor.SIZE_FIELD, sym.size());
            out.put(SymbolDescriptor.RANGES, sym.ranges().size());
            out.path.push("range", 0);
            for (int r = 0; r < sym.ranges().size(); r++) {
                out.path.index(r);
                Symbol.Range range = sym.ranges().get(r);
                writeCoreRef(range.core());
                out.put(SymbolDescriptor.NEURON_START, range.neuronStart());
                out.put(SymbolDescriptor.RANGE_COUNT, range.count());
                out.put(SymbolDescriptor.POP_START, range.popStart());
            }
            out.path.pop();
        }
        out.endSection(token);
    }

    private void writeCoreRef(CoreId id) {
        writeCoreRef(out, id);
    }

    static void writeCoreRef(NbinOut out, CoreId id) {
        out.put(CoreRefDescriptor.X, id.x());
        out.put(CoreRefDescriptor.Y, id.y());
        out.put(CoreRefDescriptor.SLOT, id.slot());
    }

    private void writeName(String s, String leaf) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.path.push(leaf);
        out.put(NameDescriptor.LENGTH, b.length);
        out.putBytes("text", b);
        out.path.pop();
    }
}
