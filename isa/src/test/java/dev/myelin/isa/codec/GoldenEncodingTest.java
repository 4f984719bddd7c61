package dev.myelin.isa.codec;

import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.model.Images;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.testing.SampleImages;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder's bytes. The one-core sample's CORE section and the header are derived by hand
 * from the diagrams in isa.format (see the comments); the labelled dumps of every sample are
 * golden text under src/test/resources/golden ({@code -Dmyelin.golden.update=true} rewrites
 * them; review the diff).
 */
class GoldenEncodingTest {
    /** Header: "MYLN", version 1.1, flags 0 (little-endian u16 1 = 01 00). */
    private static final int[] HEADER = {0x4d, 0x59, 0x4c, 0x4e, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00};

    /**
     * The NETW section of an image with dt = 0.1 ms: 0.1 as IEEE-754 binary64 is
     * 0x3FB999999999999A (sign 0, exponent 1019 = 0x3FB, mantissa 0x999999999999A rounded up),
     * written little-endian.
     */
    private static final int[] NETW_DT_0_1 = {
        0x4e, 0x45, 0x54, 0x57,                         // tag "NETW"
        0x08, 0x00, 0x00, 0x00,                         // length 8
        0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f, // dtMs = 0.1
    };

    /**
     * The CORE section of {@link SampleImages#trueNorthOneCore()}, derived from
     * CoreSectionDescriptor, TrueNorthNeuronDescriptor, CrossbarDescriptor and TargetDescriptor.
     */
    private static final int[] ONE_CORE_SECTION = {
        0x43, 0x4f, 0x52, 0x45,             // tag "CORE"
        0x7d, 0x00, 0x00, 0x00,             // length 125 = 30 header + 2 axon types + 3 x 25 neurons
                                            //   + 2 crossbar rows of 1 byte + 3 x 2 target counts + 1 x 10 target
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // x = 0 (u24), y = 0 (u24)
        0x00, 0x00,                         // slot 0, datapath 0 = truenorth
        0x02, 0x00, 0x00, 0x00,             // axons 2
        0x03, 0x00, 0x00, 0x00,             // neurons 3
        0x03, 0x00, 0x00, 0x00,             // synapses 3 (bits a0n0, a0n2, a1n1)
        0x01, 0x00, 0x00, 0x00,             // targets 1
        0x00, 0x00,                         // formats 0, decayMode 0
        0x00, 0x00, 0x00, 0x00,             // learningBytes 0
        0x00, 0x01,                         // axon types 0, 1
        // neuron 0: weight[0] = 5, leak = +1, alpha = 10, everything else 0
        0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // weights (i16 x 4)
        0x00,                               // stochasticSynapse
        0x01, 0x00,                         // leak +1 (i16)
        0x00,                               // flags
        0x0a, 0x00, 0x00,                   // alpha 10 (u24)
        0x00, 0x00, 0x00,                   // beta 0
        0x00,                               // TM 0
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // resetV 0, v0 0 (i24)
        // neuron 1: weight[1] = -3 = 0xfffd, mask 0b1010, kappa (bit 2) + gamma 1 (bits 3-4) = 0x0c,
        //   alpha 2^18-1 = 0x03ffff, beta 7, TM 8, resetV -2^19 = 0xf80000 in 24 bits, v0 2^19-1 = 0x07ffff
        0x00, 0x00, 0xfd, 0xff, 0x00, 0x00, 0x00, 0x00,
        0x0a,
        0x00, 0x00,
        0x0c,
        0xff, 0xff, 0x03,
        0x07, 0x00, 0x00,
        0x08,
        0x00, 0x00, 0xf8,
        0xff, 0xff, 0x07,
        // neuron 2: all zero (25 bytes)
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0x05,                               // crossbar row 0: neurons 0 and 2 = bits 0 and 2
        0x02,                               // crossbar row 1: neuron 1 = bit 1
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, // target counts 1, 0, 0 (u16)
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // target dx 0, dy 0 (i24)
        0x00, 0x01, 0x00, 0x01,             // slot 0, axon 1 (u16), delay 1
    };

    @Test
    void headerMatchesTheHandDerivedBytes() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        assertThat(Arrays.copyOf(b, HEADER.length)).isEqualTo(bytes(HEADER));
    }

    @Test
    void networkSectionHoldsDtAsTheHandDerivedDouble() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore().withDtMs(0.1));
        int at = indexOf(b, bytes(new int[] {0x4e, 0x45, 0x54, 0x57}));
        assertThat(Arrays.copyOfRange(b, at, at + NETW_DT_0_1.length)).isEqualTo(bytes(NETW_DT_0_1));
        assertThat(NbinCodec.decode(b).dtMs()).isEqualTo(0.1);
    }

    @Test
    void coreSectionOfTheOneCoreSampleMatchesTheHandDerivedBytes() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        int at = indexOf(b, bytes(new int[] {0x43, 0x4f, 0x52, 0x45}));
        assertThat(Arrays.copyOfRange(b, at, at + ONE_CORE_SECTION.length)).isEqualTo(bytes(ONE_CORE_SECTION));
    }

    @Test
    void inclusiveNegativeThresholdSetsBit4OfTheDatapathByteAndNothingElse() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthNegativeInclusive());
        int at = indexOf(b, bytes(new int[] {0x43, 0x4f, 0x52, 0x45}));
        int[] expected = ONE_CORE_SECTION.clone();
        // frame 8 bytes, then x (3), y (3), slot (1): the datapath byte is at 15; id 0 | bit 4 = 0x10
        assertThat(expected[15]).isZero();
        expected[15] = 0x10;
        assertThat(Arrays.copyOfRange(b, at, at + expected.length)).isEqualTo(bytes(expected));
        byte[] strict = NbinCodec.encode(SampleImages.trueNorthOneCore());
        assertThat(b).hasSameSizeAs(strict);
        int differing = 0;
        for (int i = 0; i < b.length - 4; i++) {
            differing += b[i] != strict[i] ? 1 : 0;
        }
        assertThat(differing).as("bytes before the CRC that differ from the strict sample").isEqualTo(1);
    }

    /**
     * The input core of {@link SampleImages#trueNorthInputCore()}: a TrueNorth CORE section with
     * bit 5 of the datapath byte, axons = neurons, no synapses, every parameter 0.
     */
    private static final int[] INPUT_CORE_SECTION = {
        0x43, 0x4f, 0x52, 0x45,             // tag "CORE"
        0x6c, 0x00, 0x00, 0x00,             // length 108 = 30 header + 2 axon types + 2 x 25 neurons
                                            //   + 2 crossbar rows of 1 byte + 2 x 2 target counts + 2 x 10 targets
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, // x = 1 (u24), y = 0 (u24)
        0x00, 0x20,                         // slot 0, datapath 0x20 = truenorth | bit 5 (input core)
        0x02, 0x00, 0x00, 0x00,             // axons 2
        0x02, 0x00, 0x00, 0x00,             // neurons 2 (= axons)
        0x00, 0x00, 0x00, 0x00,             // synapses 0
        0x02, 0x00, 0x00, 0x00,             // targets 2
        0x00, 0x00,                         // formats 0, decayMode 0
        0x00, 0x00, 0x00, 0x00,             // learningBytes 0
        0x00, 0x00,                         // axon types 0, 0
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // neuron 0: all 0
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // neuron 1: all 0
        0x00, 0x00,                         // crossbar rows 0 and 1: empty
        0x01, 0x00, 0x01, 0x00,             // target counts 1, 1
        0xff, 0xff, 0xff, 0x00, 0x00, 0x00, // target 0: dx -1 (i24), dy 0
        0x00, 0x00, 0x00, 0x01,             //   slot 0, axon 0, delay 1
        0xff, 0xff, 0xff, 0x00, 0x00, 0x00, // target 1: dx -1, dy 0
        0x00, 0x01, 0x00, 0x03,             //   slot 0, axon 1, delay 3
    };

    @Test
    void anInputCoreSetsBit5OfTheDatapathByteAndHoldsNoSynapsesOrParameters() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthInputCore());
        // the second CORE section (cores sorted by id: (0,0,0), then (1,0,0)) follows the first whole
        byte[] tag = bytes(new int[] {0x43, 0x4f, 0x52, 0x45});
        int at = indexOf(b, tag) + ONE_CORE_SECTION.length;
        assertThat(Arrays.copyOfRange(b, at, at + 4)).isEqualTo(tag);
        assertThat(Arrays.copyOfRange(b, at, at + INPUT_CORE_SECTION.length)).isEqualTo(bytes(INPUT_CORE_SECTION));
        assertThat(Images.equal(NbinCodec.decode(b), SampleImages.trueNorthInputCore())).isTrue();
    }

    @Test
    void archSectionStartsWithTheParameterCountAndTheNameEntry() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        int n = ArchParam.all().size();
        // tag "ARCH", u32 length, u16 count, then entry 0: key "name" (u8 length 4), kind 2 (TEXT), "tiny"
        int[] expected = {0x41, 0x52, 0x43, 0x48, -1, -1, -1, -1, n, 0,
            4, 'n', 'a', 'm', 'e', 2, 4, 't', 'i', 'n', 'y'};
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] >= 0) {
                assertThat(b[HEADER.length + i] & 0xff).as("ARCH byte " + i).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void trailerIsTheCrc32OfEverythingBeforeIt() {
        byte[] b = NbinCodec.encode(SampleImages.trueNorthOneCore());
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        long stored = (b[b.length - 4] & 0xffL) | (b[b.length - 3] & 0xffL) << 8 | (b[b.length - 2] & 0xffL) << 16
                | (b[b.length - 1] & 0xffL) << 24;
        assertThat(stored).isEqualTo(crc.getValue());
    }

    @Test
    void labelledDumpsMatchTheGoldenFiles() throws IOException {
        boolean update = Boolean.getBoolean("myelin.golden.update");
        for (Map.Entry<String, NetworkImage> e : SampleImages.all().entrySet()) {
            String actual = HexDump.of(e.getValue());
            String name = "golden/" + e.getKey() + ".hex";
            if (update) {
                Path p = Path.of("src/test/resources", name);
                Files.createDirectories(p.getParent());
                Files.writeString(p, actual);
                continue;
            }
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
                assertThat(in).as("golden file " + name).isNotNull();
                assertThat(actual).as(name).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void dumpOfTheBytesLabelsEveryByteOnce() {
        byte[] b = NbinCodec.encode(SampleImages.loihiSparse());
        String dump = HexDump.of(b);
        long shown = dump.lines().filter(l -> !l.startsWith("#"))
                .mapToLong(l -> l.substring(10, Math.min(l.length(), 10 + 3 * HexDump.BYTES_PER_LINE)).trim()
                        .split(" +").length).sum();
        assertThat(shown).isEqualTo(b.length);
        assertThat(dump).contains("core[0].neuron[1].vth").contains("core[0].axon[2].synapse[2].weight")
                .contains("trailer.crc32");
    }

    private static byte[] bytes(int[] v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
