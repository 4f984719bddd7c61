package dev.myelin.isa.codec;

import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.Images;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;
import dev.myelin.isa.testing.SampleImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one-line messages of bad binaries: what is wrong and where (offset, section, field). */
class NbinErrorsTest {
    /** Offset of the one-core sample's CORE section: header 12 + ARCH frame 8 + ARCH payload + NETW 8 + 8. */
    private static int coreOffset(byte[] b) {
        return 12 + 8 + (int) u32(b, 16) + 16;
    }

    @Test
    void notABinary() {
        byte[] text = "hello, world: not a network".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> NbinCodec.decode(text)).isInstanceOf(MyelinInputException.class)
                .hasMessage("byte offset 0, section header, field magic: not a Myelin network binary: "
                        + "magic 'hell', expected 'MYLN'");
    }

    @Test
    void newerMajorVersionIsRejected() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        b[4] = 2;
        assertThatThrownBy(() -> NbinCodec.decode(b)).hasMessage(
                "byte offset 4, section header, field major: format version 2.x is not supported (this reader reads 1.x)");
    }

    @Test
    void truncationIsReportedAtTheTrailer() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        byte[] cut = Arrays.copyOf(b, b.length - 10);
        assertThatThrownBy(() -> NbinCodec.decode(cut)).hasMessageStartingWith("byte offset " + (cut.length - 4)
                + ", section trailer, field crc32: CRC-32 mismatch: stored 0x");
    }

    @Test
    void countsAreCheckedAgainstTheArchitectureBeforeAllocating() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        int neurons = coreOffset(b) + 8 + 12;
        b[neurons] = (byte) 0xff;
        b[neurons + 1] = (byte) 0xff;
        b[neurons + 2] = (byte) 0xff;
        b[neurons + 3] = (byte) 0x7f;
        assertThatThrownBy(() -> NbinCodec.decode(withCrc(b))).hasMessage("byte offset " + neurons
                + ", section CORE[0], field neurons: 2147483647 exceeds core.neurons=16");
    }

    @Test
    void countsAreCheckedAgainstTheSectionLength() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        int start = coreOffset(b);
        b[start + 8 + 8] = 3; // axons 2 -> 3: one more type byte and crossbar row than the section holds
        assertThatThrownBy(() -> NbinCodec.decode(withCrc(b))).hasMessage("byte offset " + (start + 8)
                + ", section CORE[0], field (header): counts axons=3 neurons=3 synapses=3 targets=1 formats=0 "
                + "learningBytes=0 need 97 bytes after the header, the section holds 95");
    }

    /** Offset of the first core's datapath byte: frame 8, then x (3), y (3), slot (1). */
    private static int datapathAt(byte[] b) {
        return coreOffset(b) + 8 + 7;
    }

    @Test
    void datapathBit4OfATrueNorthCoreDecodesAsTheInclusiveNegativeThreshold() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        int at = datapathAt(b);
        assertThat(b[at]).isZero();
        assertThat(((TrueNorthNeurons) NbinCodec.decode(b).cores().get(0).neurons()).negativeThreshold())
                .isEqualTo(NegativeThreshold.STRICT);
        b[at] = 0x10;
        NetworkImage img = NbinCodec.decode(withCrc(b));
        assertThat(((TrueNorthNeurons) img.cores().get(0).neurons()).negativeThreshold())
                .isEqualTo(NegativeThreshold.INCLUSIVE);
        assertThat(Images.equal(img, SampleImages.trueNorthNegativeInclusive())).isTrue();
    }

    @Test
    void reservedBitsOfATrueNorthDatapathByteAreRefusedAtTheirOffset() {
        for (int bit = 6; bit <= 7; bit++) {
            byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
            int at = datapathAt(b);
            b[at] = (byte) (1 << bit | 0x10);
            String shown = String.format("0x%02x", 1 << bit | 0x10);
            String bits = String.format("0x%02x", 1 << bit);
            assertThatThrownBy(() -> NbinCodec.decode(withCrc(b))).isInstanceOf(MyelinInputException.class)
                    .hasMessage("byte offset " + at + ", section CORE[0], field datapath: " + shown
                            + ": bits 6-7 are reserved and must be 0 (bit 4 is the inclusive negative threshold,"
                            + " bit 5 an input core), got " + bits);
        }
    }

    @Test
    void theInputBitOnACoreThatIsNoInputCoreIsRefusedAtItsAxons() {
        // the sample core has 2 axons and 3 neurons with synapses: an input core has neither
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        int at = datapathAt(b);
        b[at] = 0x20;
        assertThatThrownBy(() -> NbinCodec.decode(withCrc(b))).isInstanceOf(MyelinInputException.class)
                .hasMessage("byte offset " + (at + 1) + ", section CORE[0], field axons: core (0,0,0): axons=2 of an"
                        + " input core must equal its neurons=3 (axon a fires input neuron a)");
    }

    @Test
    void theInclusiveBitOnALoihiCoreIsRefused() {
        byte[] b = NbinCodec.encode(SampleImages.loihiSparse());
        int at = datapathAt(b);
        assertThat(b[at]).isEqualTo((byte) 1);
        b[at] = 0x11;
        assertThatThrownBy(() -> NbinCodec.decode(withCrc(b))).hasMessage("byte offset " + at
                + ", section CORE[0], field datapath: 0x11: bit 4 must be 0 for datapath loihi-cuba (bit 4, the"
                + " inclusive negative threshold, is for truenorth cores; bit 5 is an input core, bit 6 marks extended"
                + " compartments, bit 7 dense synapses), got 0x10");
    }

    @Test
    void theCompartmentBitOnATrueNorthCoreIsRefused() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        int at = datapathAt(b);
        b[at] = 0x40;
        assertThatThrownBy(() -> NbinCodec.decode(withCrc(b))).hasMessage("byte offset " + at
                + ", section CORE[0], field datapath: 0x40: bits 6-7 are reserved and must be 0 (bit 4 is the"
                + " inclusive negative threshold, bit 5 an input core), got 0x40");
    }

    @Test
    void aDenseCoreMustCountEverySlotAsASynapse() {
        byte[] b = NbinCodec.encode(SampleImages.loihiDense());
        int at = datapathAt(b);
        assertThat(b[at]).isEqualTo((byte) 0x81);
        int synapsesAt = at + 1 + 4 + 4; // after the datapath byte: axons (u32), neurons (u32)
        assertThat(b[synapsesAt]).isEqualTo((byte) 6); // 2 axons x 3 compartments
        b[synapsesAt] = 5;
        assertThatThrownBy(() -> NbinCodec.decode(withCrc(b))).hasMessage("byte offset " + synapsesAt
                + ", section CORE[0], field synapses: 5 on a dense core: its rows hold every compartment,"
                + " synapses must be axons x neurons = 6");
    }

    @Test
    void extendedCompartmentRecordsWithNothingInThemAreRefused() {
        // the compartment sample with its refractory delays and join zeroed, bit 6 kept: one
        // encoding per image, and the writer would have written 16-byte records
        byte[] b = NbinCodec.encode(SampleImages.loihiCompartments());
        int at = datapathAt(b);
        assertThat(b[at]).isEqualTo((byte) 0x41);
        // the header's last 23 bytes from the datapath byte on (1 + 4 x u32 + 2 x u8 + u32), 2 axon types, 2 formats of 3
        int records = at + 23 + 2 + 2 * 3;
        for (int j = 0; j < 3; j++) {
            b[records + 18 * j + 16] = 0;
            b[records + 18 * j + 17] = 0;
        }
        assertThatThrownBy(() -> NbinCodec.decode(withCrc(b))).hasMessage("byte offset " + at
                + ", section CORE[0], field datapath: 0x41: bit 6 (extended compartments) is set but no compartment"
                + " has a refractory delay or a join");
    }

    @Test
    void aDatapathIdWithOptionBitsThatDoesNotMatchTheArchitectureShowsTheByteAndTheId() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        int at = datapathAt(b);
        b[at] = 0x11;
        assertThatThrownBy(() -> NbinCodec.decode(withCrc(b))).hasMessage("byte offset " + at
                + ", section CORE[0], field datapath: 0x11 (id 1) does not match the architecture's datapath "
                + "truenorth (0)");
        b[at] = 1;
        assertThatThrownBy(() -> NbinCodec.decode(withCrc(b))).hasMessage("byte offset " + at
                + ", section CORE[0], field datapath: 1 does not match the architecture's datapath truenorth (0)");
    }

    @Test
    void aValueOutOfRangeNamesTheSectionFieldValueAndLimit() {
        TrueNorthNeurons n = TrueNorthNeurons.zeros(4);
        int[] start = {0, 0, 0, 0, 1};
        CoreImage c0 = new CoreImage(new CoreId(0, 0, 0), new int[4], TrueNorthNeurons.zeros(1), Crossbar.empty(4, 1),
                List.of(), Targets.none(1), new byte[0]);
        CoreImage c1 = new CoreImage(new CoreId(1, 0, 0), new int[4], n, Crossbar.empty(4, 4), List.of(),
                new Targets(start, new int[] {-1}, new int[] {0}, new int[] {0}, new int[] {300}, new int[] {1}),
                new byte[0]);
        NetworkImage bad = new NetworkImage(Presets.require("truenorth"), 0, List.of(c0, c1), List.of(), List.of(),
                List.of());
        byte[] b = NbinCodec.encodeUnchecked(bad);
        // the field itself: frame 8 + header 30 + 4 axon types + 4 x 25 neuron bytes + 4 one-byte crossbar rows
        // + 4 x 2 target counts, then target 0 (neuron 3's first) and its axon at offset 7
        int axonAt = indexOfSecond(b, "CORE") + 8 + 30 + 4 + 100 + 4 + 8 + 7;
        assertThat(b[axonAt] & 0xff | (b[axonAt + 1] & 0xff) << 8).isEqualTo(300);
        assertThatThrownBy(() -> NbinCodec.decode(b)).hasMessage("byte offset " + axonAt
                + ", section CORE[1], field neuron[3].target[0].axon: core (1,0,0): neuron[3].target[0].axon=300 "
                + "exceeds 255 (core.axons=256)");
        assertThatThrownBy(() -> NbinCodec.encode(bad)).isInstanceOf(MyelinInputException.class)
                .hasMessage("core (1,0,0): neuron[3].target[0].axon=300 exceeds 255 (core.axons=256)");
    }

    @Test
    void aNeuronFieldOutOfRangeIsReportedAtItsOwnOffset() {
        NetworkImage img = SampleImages.trueNorthOneCore();
        ((TrueNorthNeurons) img.cores().get(0).neurons()).alpha()[2] = 1 << 18;
        byte[] b = NbinCodec.encodeUnchecked(img);
        // frame 8 + header 30 + 2 axon types + 2 x 25 neuron bytes, then alpha at offset 12: 00 00 04
        int alphaAt = coreOffset(b) + 8 + 30 + 2 + 50 + 12;
        assertThat(b[alphaAt + 2]).isEqualTo((byte) 4);
        assertThatThrownBy(() -> NbinCodec.decode(b)).hasMessage("byte offset " + alphaAt + ", section CORE[0], "
                + "field neuron[2].alpha: core (0,0,0): neuron[2].alpha=262144 is out of range [0, 262143]");
    }

    @Test
    void reservedFlagBitsOfANeuronAreReportedAtItsFlagsByte() {
        // the neurons are decoded from one bulk read; invalid flags fall back to the field-by-field
        // read, so the message names the neuron's flags byte as before
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        // frame 8 + header 30 + 2 axon types + neuron[0]'s 25 bytes, then flags at offset 11
        // (4 weights x 2 bytes, stochasticSynapse 1, leak 2)
        int flagsAt = coreOffset(b) + 8 + 30 + 2 + 25 + 11;
        b[flagsAt] |= 0x20;
        String got = String.format("0x%02x", b[flagsAt] & 0xff);
        assertThatThrownBy(() -> NbinCodec.decode(withCrc(b))).isInstanceOf(MyelinInputException.class)
                .hasMessage("byte offset " + flagsAt + ", section CORE[0], field neuron[1].flags: "
                        + "reserved bits 5-7 must be 0, got " + got);
    }

    @Test
    void unknownSectionOfTheSameMinorVersionIsRejected() {
        byte[] b = NbinCodec.encode(SampleImages.noCores());
        int inpt = indexOf(b, "INPT");
        b[inpt] = 'X';
        assertThatThrownBy(() -> NbinCodec.decode(withCrc(b))).hasMessage("byte offset " + inpt
                + ", section XNPT, field tag: unknown section tag 'XNPT' (known: ARCH, NETW, CORE, INPT, ILIN, OUTP, SYMB, UNIT)");
    }

    @Test
    void sectionsOutOfOrderAreRejected() {
        byte[] b = NbinCodec.encode(SampleImages.noCores());
        int inpt = indexOf(b, "INPT");
        int outp = indexOf(b, "OUTP");
        System.arraycopy("OUTP".getBytes(StandardCharsets.US_ASCII), 0, b, inpt, 4);
        System.arraycopy("INPT".getBytes(StandardCharsets.US_ASCII), 0, b, outp, 4);
        // OUTP where INPT belongs: an output table before the inputs is out of order at once
        assertThatThrownBy(() -> NbinCodec.decode(withCrc(b))).hasMessage("byte offset " + inpt
                + ", section OUTP, field tag: section OUTP out of order: sections run ARCH, NETW, CORE..., INPT, "
                + "ILIN, OUTP, SYMB, UNIT; ILIN and UNIT are optional, NETW is absent only from 1.0 files");
    }

    @Test
    void aSymbolRangeOfNoNeuronsIsLocatedAtItsCount() {
        NetworkImage img = SampleImages.withPortsAndSymbols();
        byte[] b = NbinCodec.encode(img);
        // SYMB: frame 8, count u32; symbol 0: name (1 + 6 "layer1"), size u32, ranges u32; range 0: core 7, neuronStart 2
        int count = indexOf(b, "SYMB") + 8 + 4 + 7 + 4 + 4 + 7 + 2;
        assertThat(u32(b, count)).isEqualTo(16);
        b[count] = 0;
        assertThatThrownBy(() -> NbinCodec.decode(NbinErrorsTest.withCrc(b))).hasMessage("byte offset " + count
                + ", section SYMB, field symbol[0].range[0].count: 0: a range places at least one neuron");
    }

    @Test
    void aValidatedImageMayNotHoldARangeOfNoNeurons() {
        NetworkImage base = SampleImages.withPortsAndSymbols();
        List<Symbol> sym = new ArrayList<>(base.symbols());
        sym.set(0, new Symbol("layer1", 16, List.of(new Symbol.Range(base.cores().get(0).id(), 0, 0, 0))));
        NetworkImage img = new NetworkImage(base.arch(), 0, base.cores(), base.inputs(), base.outputs(), sym);
        assertThatThrownBy(() -> NbinCodec.encode(img)).hasMessage(
                "symbol 'layer1': symbol[0].range[0].count=0: a range places at least one neuron");
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.nbin");
        assertThatThrownBy(() -> NbinCodec.read(missing)).hasMessage(missing + ": no such file");
        Path huge = dir.resolve("huge.nbin");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength((1L << 30) + 1); // sparse: nothing is written or read
        }
        assertThatThrownBy(() -> NbinCodec.read(huge)).hasMessage(huge + ": network binary is larger than 1073741824 bytes");
        Path bad = dir.resolve("bad.nbin");
        Files.write(bad, new byte[] {'M', 'Y', 'L', 'N', 1, 0});
        assertThatThrownBy(() -> NbinCodec.read(bad)).hasMessage(bad
                + ": byte offset 6, section header, field minor: truncated: needs 2 bytes, 0 left in the file");
    }

    /** Recomputes the trailer so a patched binary reaches the structural checks through the public decode. */
    static byte[] withCrc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        long v = crc.getValue();
        for (int i = 0; i < 4; i++) {
            b[b.length - 4 + i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    private static int indexOf(byte[] b, String tag) {
        return new String(b, StandardCharsets.ISO_8859_1).indexOf(tag);
    }

    private static int indexOfSecond(byte[] b, String tag) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        return s.indexOf(tag, s.indexOf(tag) + 1);
    }
}
