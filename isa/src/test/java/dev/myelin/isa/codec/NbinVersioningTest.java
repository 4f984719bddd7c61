package dev.myelin.isa.codec;

import dev.myelin.isa.format.HeaderDescriptor;
import dev.myelin.isa.model.Images;
import dev.myelin.isa.testing.SampleImages;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The versioning rules of docs/isa.md: newer minor versions may add sections, which older readers skip. */
class NbinVersioningTest {
    /** The sample with a 6-byte section "XTRA" inserted before SYMB and the given minor version. */
    private static byte[] withExtraSection(int minor) {
        byte[] b = NbinCodec.encode(SampleImages.withPortsAndSymbols());
        int symb = new String(b, StandardCharsets.ISO_8859_1).indexOf("SYMB");
        byte[] extra = {'X', 'T', 'R', 'A', 6, 0, 0, 0, 1, 2, 3, 4, 5, 6};
        byte[] out = new byte[b.length + extra.length];
        System.arraycopy(b, 0, out, 0, symb);
        System.arraycopy(extra, 0, out, symb, extra.length);
        System.arraycopy(b, symb, out, symb + extra.length, b.length - symb);
        out[6] = (byte) minor;
        return NbinErrorsTest.withCrc(out);
    }

    @Test
    void aNewerMinorVersionsUnknownSectionIsSkipped() {
        byte[] b = withExtraSection(HeaderDescriptor.VERSION_MINOR + 1);
        assertThat(Images.equal(NbinCodec.decode(b), SampleImages.withPortsAndSymbols())).isTrue();
        assertThat(HexDump.of(b)).startsWith("# note: shown as re-encoded");
    }

    @Test
    void anUnknownSectionOfThisMinorVersionIsAnError() {
        byte[] b = withExtraSection(HeaderDescriptor.VERSION_MINOR);
        int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("XTRA");
        assertThatThrownBy(() -> NbinCodec.decode(b)).hasMessage("byte offset " + at
                + ", section XTRA, field tag: unknown section tag 'XTRA' (known: ARCH, NETW, CORE, INPT, ILIN, OUTP, SYMB, UNIT)");
    }
}
