package dev.myelin.isa.codec;

import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.testing.SampleImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A binary of the current format version decodes only when it is the one encoding of its image,
 * so that binary -> listing -> binary gives the same bytes: sections present exactly as the writer
 * puts them (NETW in every 1.1 and 1.2 file, ILIN only for a port that is not the identity, UNIT
 * only with a scale and then with version 1.2) and zero only as +0.0. Required sections that are
 * missing are located, never a null pointer.
 */
class OneEncodingTest {
    private static int at(byte[] b, String tag) {
        return new String(b, StandardCharsets.ISO_8859_1).indexOf(tag);
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    /** {@code b} without the section whose frame starts at {@code start}. */
    private static byte[] withoutSection(byte[] b, int start) {
        int len = 8 + (int) u32(b, start + 4);
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, start);
        System.arraycopy(b, start + len, out, start, b.length - start - len);
        return out;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ARCH", "INPT", "OUTP", "SYMB"})
    void aMissingRequiredSectionIsLocated(String tag) {
        byte[] b = NbinCodec.encode(SampleImages.withPortsAndSymbols());
        int start = at(b, tag);
        byte[] cut = NbinErrorsTest.withCrc(withoutSection(b, start));
        String expected = switch (tag) {
            // the section that came instead of ARCH, INPT or OUTP is out of order; a missing SYMB shows at the end
            case "ARCH" -> "byte offset 12, section NETW, field tag: section NETW out of order";
            case "INPT" -> "byte offset " + start + ", section OUTP, field tag: section OUTP out of order";
            case "OUTP" -> "byte offset " + start + ", section SYMB, field tag: section SYMB out of order";
            default -> "byte offset " + (cut.length - 4) + ", section trailer, field crc32: section SYMB is missing";
        };
        assertThatThrownBy(() -> NbinCodec.decode(cut)).hasMessageStartingWith(expected);
    }

    @Test
    void negativeZeroInTheArchitectureIsRefusedAndNeverWritten() {
        Architecture arch = SampleImages.tiny().toBuilder().set(ArchParam.SYNAPTIC_OP_NS, -0.0).build("test");
        assertThat(Double.doubleToRawLongBits(arch.synapticOpNs())).as("stored as +0.0").isZero();
        NetworkImage img = new NetworkImage(arch, 0, List.of(), List.of(), List.of(), List.of());
        byte[] b = NbinCodec.encode(img);
        int value = at(b, ArchParam.SYNAPTIC_OP_NS.key()) + ArchParam.SYNAPTIC_OP_NS.key().length() + 1;
        assertThat(u32(b, value) | u32(b, value + 4)).isZero();
        byte[] listed = NbinCodec.encode(Assembler.assemble("z.nasm", Assembler.disassemble(img)));
        assertThat(listed).isEqualTo(b);
        b[value + 7] = (byte) 0x80;
        assertThatThrownBy(() -> NbinCodec.decode(NbinErrorsTest.withCrc(b))).hasMessage("byte offset " + value
                + ", section ARCH, field param[timing.synapticOpNs].value: -0.0 (0x8000000000000000): zero is written "
                + "+0.0, all bits 0");
    }

    @Test
    void aListingMayWriteNegativeZeroAndGetsZero() {
        NetworkImage img = Assembler.assemble("z.nasm", ".arch tiny\n.set timing.synapticOpNs -0.0\n"
                + ".core 0 0 0\nn0: alpha=1\n.symbol p size=1 mv_per_lsb=1.0 mv_at_zero=-0.0\n"
                + "  core 0 0 0 neuron=0 count=1 pop=0\n");
        assertThat(Double.doubleToRawLongBits(img.arch().synapticOpNs())).isZero();
        assertThat(Double.doubleToRawLongBits(img.symbols().get(0).scale().mvAtZero())).isZero();
        byte[] b = NbinCodec.encode(img);
        assertThat(NbinCodec.encode(NbinCodec.decode(b))).isEqualTo(b);
    }

    @Test
    void negativeZeroInAVoltageScaleIsRefused() {
        NetworkImage base = UnitsSectionTest.scaled();
        List<Symbol> sym = new ArrayList<>(base.symbols());
        sym.set(1, sym.get(1).withScale(new Symbol.Scale(0.25, 0.0)));
        byte[] b = NbinCodec.encode(new NetworkImage(base.arch(), 0, base.cores(), base.inputs(), base.outputs(), sym));
        int atZero = new String(b, StandardCharsets.ISO_8859_1).lastIndexOf("UNIT") + 8 + 4 + 4 + 8;
        putLong(b, atZero, Double.doubleToRawLongBits(-0.0));
        assertThatThrownBy(() -> NbinCodec.decode(NbinErrorsTest.withCrc(b))).hasMessage("byte offset " + atZero
                + ", section UNIT, field entry[0].mvAtZero: -0.0 (0x8000000000000000): zero is written +0.0, all bits 0");
    }

    @Test
    void aVersion11FileWithoutNetwIsRefusedAtTheSectionInItsPlace() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        int netw = at(b, "NETW");
        byte[] cut = NbinErrorsTest.withCrc(withoutSection(b, netw));
        assertThatThrownBy(() -> NbinCodec.decode(cut)).hasMessage("byte offset " + netw + ", section CORE[0], "
                + "field tag: section CORE where NETW belongs: a 1.1 file has NETW right after ARCH (sections run "
                + "ARCH, NETW, CORE..., INPT, ILIN, OUTP, SYMB, UNIT; ILIN and UNIT are optional, NETW is absent "
                + "only from 1.0 files)");
    }

    @Test
    void aVersion10FileMayNotHoldNetwOrIlin() {
        byte[] b = NbinCodec.encode(NetworkSectionsTest.mapped());
        b[6] = 0;
        int netw = at(b, "NETW");
        assertThatThrownBy(() -> NbinCodec.decode(NbinErrorsTest.withCrc(b.clone()))).hasMessage("byte offset " + netw
                + ", section NETW, field tag: section NETW came with format 1.1, but the header says 1.0");
        byte[] noNetw = NbinErrorsTest.withCrc(withoutSection(b, netw));
        int ilin = at(noNetw, "ILIN");
        assertThatThrownBy(() -> NbinCodec.decode(noNetw)).hasMessage("byte offset " + ilin
                + ", section ILIN, field tag: section ILIN came with format 1.1, but the header says 1.0");
    }

    @Test
    void anInputLineMapThatChangesNothingIsRefused() {
        byte[] b = NbinCodec.encode(NetworkSectionsTest.mapped());
        int ilin = at(b, "ILIN");
        // port 0 of 3 lines: sourceLines 2 -> 3, lines 0,1,0 -> 0,1,2, leads 0,0,2 -> 0
        int port = ilin + 8 + 2;
        b[port] = 3;
        b[port + 4 + 2 * 6] = 2;
        b[port + 4 + 2 * 6 + 4] = 0;
        assertThatThrownBy(() -> NbinCodec.decode(NbinErrorsTest.withCrc(b))).hasMessage("byte offset " + ilin
                + ", section ILIN, field tag: every input port line copies its own description line with no lead; "
                + "ILIN is written only when some input port does not (1 ports)");
    }

    @Test
    void aVersion12FileWithoutUnitIsRefusedAtItsMinorVersion() {
        byte[] b = NbinCodec.encode(UnitsSectionTest.scaled());
        int unit = new String(b, StandardCharsets.ISO_8859_1).lastIndexOf("UNIT");
        byte[] cut = NbinErrorsTest.withCrc(withoutSection(b, unit));
        assertThatThrownBy(() -> NbinCodec.decode(cut)).hasMessage("byte offset 6, section header, field minor: "
                + "the header says 1.2, the version of files with a UNIT section, and this file has none (a file "
                + "without voltage scales is 1.1)");
    }

    @Test
    void aUnitSectionWithoutEntriesIsRefused() {
        byte[] b = NbinCodec.encode(UnitsSectionTest.scaled());
        int unit = new String(b, StandardCharsets.ISO_8859_1).lastIndexOf("UNIT");
        // keep the frame and a count of 0, drop the one entry
        byte[] cut = new byte[b.length - 20];
        System.arraycopy(b, 0, cut, 0, unit + 8);
        System.arraycopy(b, unit + 8 + 4 + 20, cut, unit + 8 + 4, b.length - unit - 8 - 4 - 20);
        cut[unit + 4] = 4;
        cut[unit + 8] = 0;
        assertThatThrownBy(() -> NbinCodec.decode(NbinErrorsTest.withCrc(cut))).hasMessage("byte offset "
                + (unit + 8) + ", section UNIT, field count: no entries; UNIT is written only when some population "
                + "has a voltage scale");
    }

    /** Older and newer minor versions still read: a 1.0 file (no NETW) and a 1.3 file with an unknown section. */
    @Test
    void otherMinorVersionsStillRead() {
        byte[] b = NbinCodec.encode(SampleImages.withPortsAndSymbols());
        byte[] old = withoutSection(b, at(b, "NETW"));
        old[6] = 0;
        assertThat(NbinCodec.decode(NbinErrorsTest.withCrc(old)).dtMs()).isEqualTo(1.0);
        byte[] newer = b.clone();
        newer[6] = 3;
        assertThat(NbinCodec.encode(NbinCodec.decode(NbinErrorsTest.withCrc(newer)))).isEqualTo(b);
    }
}
