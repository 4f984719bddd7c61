package dev.myelin.isa.codec;

import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.Images;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.testing.SampleImages;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Format 1.1's NETW (dt) and ILIN (input line map) sections, and how 1.0 binaries without them read. */
class NetworkSectionsTest {
    /**
     * The ports-and-symbols sample with its input remapped: description input of 2 lines; line 0
     * drives axons 0 and 15 (the second copy 2 ticks later), line 1 drives axon 1.
     */
    static NetworkImage mapped() {
        NetworkImage base = SampleImages.withPortsAndSymbols();
        CoreId a = new CoreId(0, 0, 0);
        Port in = new Port("stimulus", List.of(new PortEntry(a, 0), new PortEntry(a, 1), new PortEntry(a, 15)), 2,
                new int[] {0, 1, 0}, new int[] {0, 0, 2});
        return new NetworkImage(base.arch(), 0, base.cores(), List.of(in), base.outputs(), base.symbols(), 0.25);
    }

    @Test
    void dtAndTheInputLineMapSurviveTheBinary() {
        NetworkImage img = mapped();
        byte[] b = NbinCodec.encode(img);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        assertThat(s).contains("NETW").contains("ILIN");
        NetworkImage back = NbinCodec.decode(b);
        assertThat(Images.equal(back, img)).isTrue();
        assertThat(back.dtMs()).isEqualTo(0.25);
        assertThat(back.inputs().get(0).sourceLines()).isEqualTo(2);
        assertThat(back.inputs().get(0).line()).containsExactly(0, 1, 0);
        assertThat(back.inputs().get(0).lead()).containsExactly(0, 0, 2);
    }

    @Test
    void identityPortsWriteNoLineMap() {
        byte[] b = NbinCodec.encode(SampleImages.withPortsAndSymbols());
        assertThat(new String(b, StandardCharsets.ISO_8859_1)).contains("NETW").doesNotContain("ILIN");
    }

    @Test
    void theListingCarriesDtAndTheLineMapAndReassemblesByteForByte() {
        NetworkImage img = mapped();
        String listing = Assembler.disassemble(img);
        assertThat(listing).contains(".dt 0.25").contains(".input stimulus lines=2")
                .contains("2: core 0 0 0 axon 15 line 0 lead 2");
        assertThat(NbinCodec.encode(Assembler.assemble("mapped.nasm", listing))).isEqualTo(NbinCodec.encode(img));
    }

    /** A 1.1 binary turned into what a 1.0 writer produced: NETW cut out, minor 0. */
    @Test
    void aVersion10BinaryWithoutNetworkSectionReadsWithOneMillisecond() {
        byte[] b = NbinCodec.encode(SampleImages.withPortsAndSymbols().withDtMs(0.5));
        int netw = new String(b, StandardCharsets.ISO_8859_1).indexOf("NETW");
        byte[] old = new byte[b.length - 16];
        System.arraycopy(b, 0, old, 0, netw);
        System.arraycopy(b, netw + 16, old, netw, b.length - netw - 16);
        old[6] = 0;
        NetworkImage back = NbinCodec.decode(NbinErrorsTest.withCrc(old));
        assertThat(back.dtMs()).isEqualTo(NetworkImage.DEFAULT_DT_MS);
        assertThat(Images.equal(back, SampleImages.withPortsAndSymbols())).isTrue();
    }

    @Test
    void aLineBeyondTheDescriptionLinesIsLocated() {
        byte[] b = NbinCodec.encode(mapped());
        int ilin = new String(b, StandardCharsets.ISO_8859_1).indexOf("ILIN");
        // frame 8 + count u16 + sourceLines u32, then entry 0 (line u32, lead u16), entry 1's line at +6
        int line1 = ilin + 8 + 2 + 4 + 6;
        b[line1] = 7;
        assertThatThrownBy(() -> NbinCodec.decode(NbinErrorsTest.withCrc(b))).hasMessage("byte offset " + line1
                + ", section ILIN, field port[0].entry[1].line: line 7 is not one of the port's 2 description lines");
    }

    @Test
    void aDtOutOfRangeIsLocated() {
        byte[] b = NbinCodec.encode(SampleImages.noCores());
        int netw = new String(b, StandardCharsets.ISO_8859_1).indexOf("NETW");
        for (int i = 0; i < 8; i++) {
            b[netw + 8 + i] = 0; // +0.0
        }
        assertThatThrownBy(() -> NbinCodec.decode(NbinErrorsTest.withCrc(b))).hasMessage("byte offset " + (netw + 8)
                + ", section NETW, field dtMs: dt = 0.0 ms is out of range [1.0E-6, 1000000.0] ms");
    }

    @Test
    void aBinaryWithoutItsInputTableIsLocatedNotANullPointer() {
        byte[] b = NbinCodec.encode(SampleImages.noCores());
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int inpt = s.indexOf("INPT");
        int outp = s.indexOf("OUTP");
        byte[] cut = new byte[b.length - (outp - inpt)];
        System.arraycopy(b, 0, cut, 0, inpt);
        System.arraycopy(b, outp, cut, inpt, b.length - outp);
        assertThatThrownBy(() -> NbinCodec.decode(NbinErrorsTest.withCrc(cut))).hasMessageStartingWith("byte offset "
                + inpt + ", section OUTP, field tag: section OUTP out of order");
    }
}
