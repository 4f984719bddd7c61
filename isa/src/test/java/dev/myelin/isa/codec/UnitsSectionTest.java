package dev.myelin.isa.codec;

import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.model.Images;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.testing.SampleImages;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Format 1.2's UNIT section: per-population voltage scales, written only when some population has one. */
class UnitsSectionTest {
    /** The ports-and-symbols sample with layer2 (symbol 1) scaled: 1 LSB = 0.25 mV, v = 0 is -65 mV. */
    static NetworkImage scaled() {
        NetworkImage base = SampleImages.withPortsAndSymbols();
        List<Symbol> sym = new ArrayList<>(base.symbols());
        sym.set(1, sym.get(1).withScale(new Symbol.Scale(0.25, -65.0)));
        return new NetworkImage(base.arch(), 0, base.cores(), base.inputs(), base.outputs(), sym);
    }

    /**
     * The UNIT section of {@link #scaled()}, derived from UnitsDescriptor: 0.25 = 2^-2 is the
     * double 0x3FD0000000000000 (exponent 1021); -65 = -1.015625 x 2^6 is 0xC050400000000000
     * (sign 1, exponent 1029 = 0x405, mantissa 2^-6 = bit 46).
     */
    private static final int[] UNIT_SECTION = {
        0x55, 0x4e, 0x49, 0x54,                         // tag "UNIT"
        0x18, 0x00, 0x00, 0x00,                         // length 24 = count 4 + 1 entry x 20
        0x01, 0x00, 0x00, 0x00,                         // count 1
        0x01, 0x00, 0x00, 0x00,                         // symbol 1 (layer2)
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xd0, 0x3f, // mvPerLsb 0.25
        0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x50, 0xc0, // mvAtZero -65.0
    };

    private static int unitAt(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).lastIndexOf("UNIT");
    }

    @Test
    void aScaledPopulationWritesUnitAfterSymbAndVersion12() {
        byte[] b = NbinCodec.encode(scaled());
        int at = unitAt(b);
        assertThat(at).isGreaterThan(new String(b, StandardCharsets.ISO_8859_1).indexOf("SYMB"));
        byte[] expected = new byte[UNIT_SECTION.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) UNIT_SECTION[i];
        }
        assertThat(Arrays.copyOfRange(b, at, at + expected.length)).isEqualTo(expected);
        // the trailer follows the section at once
        assertThat(at + expected.length).isEqualTo(b.length - 4);
        assertThat(b[6]).isEqualTo((byte) 2);
        assertThat(b[7]).isEqualTo((byte) 0);
    }

    @Test
    void withoutScalesTheFileIsVersion11WithoutUnit() {
        byte[] b = NbinCodec.encode(SampleImages.withPortsAndSymbols());
        assertThat(new String(b, StandardCharsets.ISO_8859_1)).doesNotContain("UNIT");
        assertThat(b[6]).isEqualTo((byte) 1);
    }

    @Test
    void scalesSurviveTheBinaryAndTheListing() {
        NetworkImage img = scaled();
        NetworkImage back = NbinCodec.decode(NbinCodec.encode(img));
        assertThat(Images.equal(back, img)).isTrue();
        assertThat(back.symbols().get(0).scale()).isNull();
        assertThat(back.symbols().get(1).scale()).isEqualTo(new Symbol.Scale(0.25, -65.0));
        String listing = Assembler.disassemble(img);
        assertThat(listing).contains(".symbol layer2 size=20 mv_per_lsb=0.25 mv_at_zero=-65.0")
                .contains(".symbol layer1 size=16\n");
        assertThat(NbinCodec.encode(Assembler.assemble("scaled.nasm", listing))).isEqualTo(NbinCodec.encode(img));
    }

    @Test
    void theHexDumpLabelsEveryField() {
        String dump = HexDump.of(scaled());
        assertThat(dump).contains("units.count").contains("units.entry[0].symbol")
                .contains("00 00 00 00 00 00 d0 3f                          units.entry[0].mvPerLsb")
                .contains("units.entry[0].mvAtZero");
    }

    @Test
    void aUnitSectionInAVersion11FileIsRefused() {
        byte[] b = NbinCodec.encode(scaled());
        b[6] = 1;
        int at = unitAt(b);
        assertThatThrownBy(() -> NbinCodec.decode(NbinErrorsTest.withCrc(b))).hasMessage("byte offset " + at
                + ", section UNIT, field tag: section UNIT came with format 1.2, but the header says 1.1");
    }

    @Test
    void aSymbolIndexBeyondSymbIsLocated() {
        byte[] b = NbinCodec.encode(scaled());
        int symbol = unitAt(b) + 8 + 4;
        b[symbol] = 2;
        assertThatThrownBy(() -> NbinCodec.decode(NbinErrorsTest.withCrc(b))).hasMessage("byte offset " + symbol
                + ", section UNIT, field entry[0].symbol: 2 is not a symbol of SYMB (it has 2)");
    }

    @Test
    void aSymbolListedTwiceIsLocated() {
        NetworkImage base = SampleImages.withPortsAndSymbols();
        List<Symbol> sym = List.of(base.symbols().get(0).withScale(new Symbol.Scale(1, 0)),
                base.symbols().get(1).withScale(new Symbol.Scale(2, 0)));
        byte[] b = NbinCodec.encode(new NetworkImage(base.arch(), 0, base.cores(), base.inputs(), base.outputs(), sym));
        int second = unitAt(b) + 8 + 4 + 20;
        b[second] = 0;
        assertThatThrownBy(() -> NbinCodec.decode(NbinErrorsTest.withCrc(b))).hasMessage("byte offset " + second
                + ", section UNIT, field entry[1].symbol: 0 follows 0: entries name symbols once, in increasing"
                + " order");
    }

    @Test
    void aScaleThatIsNotPositiveIsLocatedAndNotEncoded() {
        byte[] b = NbinCodec.encode(scaled());
        int perLsb = unitAt(b) + 8 + 4 + 4;
        b[perLsb + 7] = (byte) 0xbf; // 0x..d0bf: -0.25
        assertThatThrownBy(() -> NbinCodec.decode(NbinErrorsTest.withCrc(b))).hasMessage("byte offset " + perLsb
                + ", section UNIT, field entry[0].mvPerLsb: mvPerLsb = -0.25 must be > 0 and <= 1.0E9");
        NetworkImage base = scaled();
        List<Symbol> sym = List.of(base.symbols().get(0), base.symbols().get(1).withScale(new Symbol.Scale(1, Double.NaN)));
        NetworkImage bad = new NetworkImage(base.arch(), 0, base.cores(), base.inputs(), base.outputs(), sym);
        assertThatThrownBy(() -> NbinCodec.encode(bad)).hasMessage(
                "symbol 'layer2': symbol[1].scale: mvAtZero = NaN must be a number within +-1.0E9");
    }

    @Test
    void aListingScaleMustBePositive() {
        String listing = Assembler.disassemble(scaled()).replace("mv_per_lsb=0.25", "mv_per_lsb=0");
        int line = 1 + (int) listing.substring(0, listing.indexOf("mv_per_lsb=0 ")).chars().filter(c -> c == '\n').count();
        int col = 1 + listing.indexOf("mv_per_lsb=0 ") - (listing.lastIndexOf('\n', listing.indexOf("mv_per_lsb=0 ")) + 1);
        assertThatThrownBy(() -> Assembler.assemble("bad.nasm", listing)).hasMessage("bad.nasm:" + line + ":" + col
                + ": mvPerLsb = 0.0 must be > 0 and <= 1.0E9");
    }
}
