package dev.myelin.isa.learn;

import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.codec.LearningCodec;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearningCodecTest {
    private static final Trace OFF = Trace.OFF;

    static LearningConfig stdp() {
        Rule dw = RuleText.parse("dw = 2^-2 * x1 * y0 - 2^-3 * y1 * x0");
        return new LearningConfig(1, 8, 0, 255, -1,
                List.of(new Trace(200, 4095, 12, true), OFF, new Trace(200, 4095, 12, true), OFF, OFF, OFF),
                List.of(dw), new boolean[] {true, false, true});
    }

    /**
     * Golden bytes, written out field by field from docs/isa.md (little-endian):
     * head: epoch 01, weightFrac 08, wMin 0000, wMax ff00, rewardAxon ffffffff, rules 01;
     * traces x1 (decay 200 = c800, impulse 4095 = ff0f, width 0c, mode 01), x2 off (0000 0000 07 00),
     * y1 like x1, y2 y3 r1 off; rule: target 00, terms 02;
     * term 0: mantissa 0100, exponent fe (-2), factors 02: x1 (02, 00000000), y0 (01, 00000000);
     * term 1: mantissa ffff (-1), exponent fd (-3), factors 02: y1 (04, ...), x0 (00, ...);
     * plastic: axons 0 and 2 -> 0b101 = 05.
     */
    @Test
    void encodesTheDocumentedBytes() {
        String golden = "0108" + "0000" + "ff00" + "ffffffff" + "01"
                + "c800ff0f0c01" + "000000000700" + "c800ff0f0c01" + "000000000700" + "000000000700" + "000000000700"
                + "0002"
                + "0100fe02" + "0200000000" + "0100000000"
                + "fffffd02" + "0400000000" + "0000000000"
                + "05";
        byte[] bytes = LearningCodec.encode(stdp());
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(golden);
        assertThat(LearningCodec.decode(bytes, 3)).isEqualTo(stdp());
    }

    @Test
    void ruleTextRoundTrips() {
        for (String s : List.of("dw = 2^-2 * x1 * y0 - 2^-3 * y1 * x0", "dt = - x1 * y0 + 7",
                "dw = 3 * 2^-8 * r1 * t - 2^-12 * (w - 128) * (y2 + 1)", "dw = 2^4")) {
            assertThat(RuleText.parse(s).text()).isEqualTo(s);
        }
        assertThat(RuleText.parse("dw=2^-2*x1*y0").text()).isEqualTo("dw = 2^-2 * x1 * y0");
    }

    @Test
    void ruleTextErrorsNameTheColumn() {
        assertThatThrownBy(() -> RuleText.parse("dw = 2^-2 * x1 * y0 * y1 * w"))
                .isInstanceOf(RuleText.Error.class).hasMessage("a term has at most 3 factors")
                .satisfies(e -> assertThat(((RuleText.Error) e).col()).isEqualTo(28));
        assertThatThrownBy(() -> RuleText.parse("dx = x1")).hasMessageContaining("expected the variable a rule changes");
        assertThatThrownBy(() -> RuleText.parse("dw = x1 +")).hasMessage("expected a term, the rule ends");
        assertThatThrownBy(() -> RuleText.parse("dw = (x1 * 3)")).hasMessage("expected '+' or '-' and a constant after x1");
    }

    @Test
    void decodeErrorsNameOffsetAndField() {
        byte[] b = LearningCodec.encode(stdp());
        byte[] bad = b.clone();
        bad[0] = 0;
        assertThatThrownBy(() -> LearningCodec.decode(bad, 3)).isInstanceOf(MyelinInputException.class)
                .hasMessage("byte offset 0, section learning, field learning.epoch: 0 is out of range [1, 255]");
        byte[] exp = b.clone();
        exp[11 + 36 + 2 + 2] = (byte) 0xe0;   // term 0's exponent: -32
        assertThatThrownBy(() -> LearningCodec.decode(exp, 3))
                .hasMessage("byte offset 51, section learning, field learning.rule[0].term[0].exponent: -32 is out of"
                        + " range [-24, 15]");
        byte[] width = b.clone();
        width[11 + 6 + 4] = 17;                 // x2's width
        assertThatThrownBy(() -> LearningCodec.decode(width, 3))
                .hasMessage("byte offset 21, section learning, field learning.trace[1].width: 17 is out of range [1, 16]");
        byte[] beyond = b.clone();
        beyond[b.length - 1] = 0x0d;            // bit 3: axon 3 of a 3-axon core
        assertThatThrownBy(() -> LearningCodec.decode(beyond, 3))
                .hasMessage("byte offset " + (b.length - 1) + ", section learning, field learning.plastic: bit 3 is set"
                        + " beyond the core's 3 axons");
    }

    @Test
    void aBadLearningSectionInABinaryIsLocatedInTheFile() {
        var img = Assembler.assemble("l.nasm", ".arch loihi\n.core 0 0 0\n.format 0 bits=8 exp=0 sign=excitatory\na0: n0:1\n.learning epoch=7\n.plastic 0\n");
        byte[] bytes = NbinCodec.encode(img);
        byte[] section = LearningCodec.encode(new LearningConfig(7, 0, 0, 255, -1, List.of(OFF, OFF, OFF, OFF, OFF, OFF),
                List.of(), new boolean[] {true}));
        int at = indexOf(bytes, section);
        assertThat(at).isPositive();
        bytes[at] = 0;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        java.nio.ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt((int) crc.getValue());
        assertThatThrownBy(() -> NbinCodec.decode(bytes)).isInstanceOf(MyelinInputException.class)
                .hasMessage("byte offset " + at + ", section CORE[0], field learning.epoch: 0 is out of range [1, 255]");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aBinaryWithALearningSectionLoadsAndDisassemblesReadably() {
        var img = Assembler.assemble("l.nasm", """
                .arch loihi
                .core 0 0 0
                .format 0 bits=8 exp=0 sign=excitatory
                a0: type=0 n0:100
                a1: type=0 n0:255
                n0: vth=200
                .learning epoch=1 weight_frac=8 w_min=0 w_max=255 reward=1
                .trace x1 decay=200 impulse=4095 width=12 mode=nearest
                .rule "dw = 2^-2 * x1 * y0 - 2^-3 * y1 * x0"
                .plastic 0
                """);
        byte[] bytes = NbinCodec.encode(img);
        var back = NbinCodec.decode(bytes);
        String listing = Assembler.disassemble(back);
        assertThat(listing).contains(".learning epoch=1 weight_frac=8 w_min=0 w_max=255 reward=1",
                ".trace x1 decay=200 impulse=4095 width=12 mode=nearest", ".trace y3 decay=0 impulse=0 width=7 mode=add",
                ".rule \"dw = 2^-2 * x1 * y0 - 2^-3 * y1 * x0\"", ".plastic 0");
        assertThat(NbinCodec.encode(Assembler.assemble("back.nasm", listing))).isEqualTo(bytes);
    }

    /** A custom device whose binary64 bits are easy to write out by hand. */
    static Device custom() {
        return new Device("custom", 1.0, 2.0, 4, 4, 0, 0, 0, 0, 0.5, 1.0, 0, 2.0, 1.0, 2.0, 1.0);
    }

    /**
     * The device group after the bitmap (docs/isa.md): a preset is its id alone (ag-a-si = 02);
     * a custom device is 00 then its parameters, binary64 little-endian: 1.0 = 3ff0000000000000
     * -> 000000000000f03f, 2.0 -> 0000000000000040, 0.5 = 3fe0... -> 000000000000e03f, 0 -> 00 x8;
     * levels 4 -> 0400.
     */
    @Test
    void encodesTheDeviceGroup() {
        String base = HexFormat.of().formatHex(LearningCodec.encode(stdp()));
        byte[] preset = LearningCodec.encode(stdp().withDevice(Device.AG_A_SI));
        assertThat(HexFormat.of().formatHex(preset)).isEqualTo(base + "02");
        assertThat(LearningCodec.decode(preset, 3).device()).isSameAs(Device.AG_A_SI);
        String one = "000000000000f03f", two = "0000000000000040", half = "000000000000e03f", zero = "0000000000000000";
        String golden = base + "00" + one + two + "0400" + "0400" + zero + zero + zero + zero + half
                + one + zero + two + one + two + one;
        byte[] bytes = LearningCodec.encode(stdp().withDevice(custom()));
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(golden);
        assertThat(LearningCodec.decode(bytes, 3)).isEqualTo(stdp().withDevice(custom()));
        // a custom device that equals a preset in every parameter is written as the preset
        Device likeIdeal = new Device("custom", 100, 5000, 64, 64, 0, 0, 0, 0, 0, 0.5, 5, 2, 10, 2, 10);
        assertThat(HexFormat.of().formatHex(LearningCodec.encode(stdp().withDevice(likeIdeal)))).isEqualTo(base + "01");
    }

    @Test
    void deviceErrorsNameOffsetAndField() {
        byte[] b = LearningCodec.encode(stdp().withDevice(custom()));
        int at = LearningCodec.encode(stdp()).length;   // 78: the preset byte
        byte[] id = b.clone();
        id[at] = 7;                                      // one past the last preset id (6, epiram)
        assertThatThrownBy(() -> LearningCodec.decode(id, 3)).isInstanceOf(MyelinInputException.class)
                .hasMessageStartingWith("byte offset 78, section learning, field learning.device.preset: 7");
        byte[] gMax = b.clone();
        gMax[at + 1 + 8 + 7] = 0x3f;                     // gMax 2.0 -> 0x3f00... = 0.0078125, below gMin 1.0
        assertThatThrownBy(() -> LearningCodec.decode(gMax, 3))
                .hasMessage("byte offset 87, section learning, field learning.device.gMax: 3.0517578125E-5 is out of range"
                        + " nS, above gMin 1.0");
        byte[] levels = b.clone();
        levels[at + 17] = 0;                             // levelsLtp 4 -> 0
        assertThatThrownBy(() -> LearningCodec.decode(levels, 3))
                .hasMessage("byte offset 95, section learning, field learning.device.levelsLtp: 0 is out of range [1, 65535]");
        byte[] noise = b.clone();
        noise[at + 1 + 8 + 8 + 4 + 8 * 4 + 7] = 0x40;    // readNoise 0.5 -> 0x40e0... = 32768, above 1
        assertThatThrownBy(() -> LearningCodec.decode(noise, 3))
                .hasMessage("byte offset 131, section learning, field learning.device.readNoise: 32768.0 is out of range [0, 1]");
        // a byte after the device group starts a readout group (read 0), which then lacks its pair byte
        byte[] extra = java.util.Arrays.copyOf(b, b.length + 1);
        assertThatThrownBy(() -> LearningCodec.decode(extra, 3)).isInstanceOf(MyelinInputException.class)
                .hasMessageContaining("learning.readout.pair");
        byte[] extra4 = java.util.Arrays.copyOf(b, b.length + 4);
        extra4[b.length + 2] = 8;
        assertThatThrownBy(() -> LearningCodec.decode(extra4, 3))
                .hasMessage("byte offset " + (b.length + 3) + ", section learning, field learning.readout: 1 bytes after"
                        + " the device readout");
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 1);
        assertThatThrownBy(() -> LearningCodec.decode(cut, 3)).isInstanceOf(MyelinInputException.class)
                .hasMessageContaining("learning.device.tLtd");
    }

    /**
     * The readout group after the device group (docs/isa.md): read (u8) 1 current, pair (u8) 1, adcBits (u8) 10
     * = 01 01 0a; written only when the readout is not weight storage on single devices with 8 bits, so a
     * section without it (every binary from before the group) reads as that default.
     */
    @Test
    void encodesTheReadoutGroup() {
        String base = HexFormat.of().formatHex(LearningCodec.encode(stdp().withDevice(Device.AG_A_SI)));
        assertThat(base).endsWith("02");
        assertThat(LearningCodec.decode(LearningCodec.encode(stdp().withDevice(Device.AG_A_SI)), 3).readout())
                .isEqualTo(DeviceReadout.STORAGE);
        LearningConfig c = stdp().withDevice(Device.AG_A_SI).withReadout(new DeviceReadout(true, true, 10));
        byte[] bytes = LearningCodec.encode(c);
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(base + "01" + "01" + "0a");
        assertThat(LearningCodec.decode(bytes, 3)).isEqualTo(c);
        byte[] weightPair = LearningCodec.encode(stdp().withDevice(Device.AG_A_SI)
                .withReadout(new DeviceReadout(false, true, 8)));
        assertThat(HexFormat.of().formatHex(weightPair)).isEqualTo(base + "00" + "01" + "08");
    }

    @Test
    void readoutErrorsNameOffsetAndField() {
        byte[] b = LearningCodec.encode(stdp().withDevice(Device.AG_A_SI).withReadout(new DeviceReadout(true, false, 10)));
        int at = b.length - 3;
        byte[] read = b.clone();
        read[at] = 2;
        assertThatThrownBy(() -> LearningCodec.decode(read, 3)).hasMessage("byte offset " + at
                + ", section learning, field learning.readout.read: 2 exceeds the last read mode (0 weight, 1 current)=1");
        byte[] pair = b.clone();
        pair[at + 1] = 7;
        assertThatThrownBy(() -> LearningCodec.decode(pair, 3)).hasMessageStartingWith("byte offset " + (at + 1)
                + ", section learning, field learning.readout.pair: 7 exceeds");
        for (int bits : new int[]{0, 17}) {
            byte[] adc = b.clone();
            adc[at + 2] = (byte) bits;
            assertThatThrownBy(() -> LearningCodec.decode(adc, 3)).hasMessage("byte offset " + (at + 2)
                    + ", section learning, field learning.readout.adcBits: " + bits + " is out of range [1, 16]");
        }
        // a readout needs a device
        assertThat(stdp().withReadout(new DeviceReadout(true, false, 8)).problem(3))
                .isEqualTo("device readout current without a device");
    }

    @Test
    void theDeviceDisassemblesAndAssemblesBack() {
        String head = """
                .arch loihi
                .core 0 0 0
                .format 0 bits=8 exp=0 sign=excitatory
                a0: type=0 n0:100
                n0: vth=200
                .learning epoch=1 weight_frac=8 w_min=0 w_max=255
                .plastic 0
                """;
        for (String device : List.of(".device ag-a-si", ".device custom g_min=1.0 g_max=2.0 levels_ltp=4 levels_ltd=4"
                + " nl_ltp=0.0 nl_ltd=0.0 c2c=0.0 d2d=0.0 read_noise=0.5 v_read=1.0 t_read=0.0 v_ltp=2.0 t_ltp=1.0"
                + " v_ltd=2.0 t_ltd=1.0", ".device ideal read=current pair=true adc_bits=12",
                ".device ag-a-si read=weight pair=true adc_bits=8")) {
            byte[] bytes = NbinCodec.encode(Assembler.assemble("d.nasm", head + device + "\n"));
            String listing = Assembler.disassemble(NbinCodec.decode(bytes));
            assertThat(listing).contains(device + "\n");
            assertThat(NbinCodec.encode(Assembler.assemble("back.nasm", listing))).isEqualTo(bytes);
        }
        assertThatThrownBy(() -> Assembler.assemble("d.nasm", head + ".device hafnia\n"))
                .isInstanceOf(MyelinInputException.class).hasMessageContaining("d.nasm:8:9")
                .hasMessageContaining("unknown device 'hafnia' (known: ag-a-si, alox-hfo2, epiram, ideal, pcmo, taox-hfox, custom)");
        assertThatThrownBy(() -> Assembler.assemble("d.nasm", head + ".device custom g_min=2 g_max=1 levels_ltp=4"
                + " levels_ltd=4 nl_ltp=0 nl_ltd=0 c2c=0 d2d=0 read_noise=0 v_read=1 t_read=0 v_ltp=2 t_ltp=1 v_ltd=2"
                + " t_ltd=1\n")).hasMessageContaining("d.nasm:8:9").hasMessageContaining("g_max = 1.0 nS must be above g_min");
        assertThatThrownBy(() -> Assembler.assemble("d.nasm", head + ".device ideal read=current adc_bits=17\n"))
                .hasMessageContaining("d.nasm:8:37").hasMessageContaining("adc_bits");
        assertThatThrownBy(() -> Assembler.assemble("d.nasm", head + ".device ideal read=voltage\n"))
                .hasMessageContaining("d.nasm:8:20").hasMessageContaining("read: expected weight or current, found 'voltage'");
        assertThatThrownBy(() -> Assembler.assemble("d.nasm", head + ".device ideal pair=true pair=true\n"))
                .hasMessageContaining("d.nasm:8:25").hasMessageContaining("pair given twice");
    }
}
