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

/** The learning section's delay group (docs/isa.md) and rules on the delay (docs/learning.md, "Synaptic delays"). */
class DelayCodecTest {
    static LearningConfig withDelays() {
        return LearningCodecTest.stdp().withDelays(new Delays(62, new byte[] {3, 0, 62}));
    }

    /**
     * Golden bytes: the section of {@link LearningCodecTest#stdp()} (checked there field by field),
     * then the delay group: tag dd, dMax 3e (62), synapses 03000000, delays 03 00 3e.
     */
    @Test
    void encodesTheDelayGroupAfterTheBitmap() {
        String base = HexFormat.of().formatHex(LearningCodec.encode(LearningCodecTest.stdp()));
        byte[] bytes = LearningCodec.encode(withDelays());
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(base + "dd" + "3e" + "03000000" + "03003e");
        assertThat(LearningCodec.decode(bytes, 3, 3)).isEqualTo(withDelays());
        // after a device: the preset byte 02 (ag-a-si), then the group
        byte[] both = LearningCodec.encode(withDelays().withDevice(Device.AG_A_SI));
        assertThat(HexFormat.of().formatHex(both)).isEqualTo(base + "02" + "dd" + "3e" + "03000000" + "03003e");
        assertThat(LearningCodec.decode(both, 3, 3)).isEqualTo(withDelays().withDevice(Device.AG_A_SI));
    }

    @Test
    void aDelayRuleEncodesAsTargetTwoAndTheDelayVariableAsEleven() {
        Rule dd = RuleText.parse("dd = 2^-3 * x1 * y0 - d");
        assertThat(dd.target()).isEqualTo(Rule.Target.DELAY);
        assertThat(dd.text()).isEqualTo("dd = 2^-3 * x1 * y0 - d");
        LearningConfig c = new LearningConfig(1, 0, 0, 255, -1, LearningCodecTest.stdp().traces(), List.of(dd),
                new boolean[] {true}, null, null, new Delays(5, new byte[] {1}));
        byte[] b = LearningCodec.encode(c);
        // head 11 bytes + 6 traces x 6 = 47: the rule's target, terms; term 0: mantissa, exponent, factors ...
        assertThat(b[47]).as("target dd").isEqualTo((byte) 2);
        // term 1 (- d): at 47 + 2 + (4 + 2 x 5) = 63: mantissa ffff, exponent 00, factors 01, var 0b (d)
        assertThat(HexFormat.of().formatHex(b, 63, 68)).isEqualTo("ffff0001" + "0b");
        assertThat(LearningCodec.decode(b, 1, 1)).isEqualTo(c);
    }

    @Test
    void delayErrorsNameOffsetAndField() {
        byte[] b = LearningCodec.encode(withDelays());
        int at = LearningCodec.encode(LearningCodecTest.stdp()).length;   // 78: the tag
        byte[] max = b.clone();
        max[at + 1] = 63;
        assertThatThrownBy(() -> LearningCodec.decode(max, 3, 3)).isInstanceOf(MyelinInputException.class)
                .hasMessage("byte offset 79, section learning, field learning.delays.dMax: 63 exceeds the largest"
                        + " synaptic delay=62");
        byte[] over = b.clone();
        over[at + 1] = 10;                               // dMax 10: synapse 2's 62 is above it
        assertThatThrownBy(() -> LearningCodec.decode(over, 3, 3))
                .hasMessage("byte offset 86, section learning, field learning.delays.delay[2]: 62 exceeds dMax=10");
        assertThatThrownBy(() -> LearningCodec.decode(b, 3, 4))
                .hasMessage("byte offset 80, section learning, field learning.delays.synapses: 3, the core has 4 synapses");
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 1);
        assertThatThrownBy(() -> LearningCodec.decode(cut, 3, 3))
                .hasMessage("byte offset 80, section learning, field learning.delays.synapses: 3 delays need 3 bytes,"
                        + " only 2 left in the section");
        byte[] extra = java.util.Arrays.copyOf(b, b.length + 1);
        assertThatThrownBy(() -> LearningCodec.decode(extra, 3, 3))
                .hasMessage("byte offset " + b.length + ", section learning, field learning.delays: 1 bytes after the delays");
        // a rule on the delay without the group
        LearningConfig noGroup = new LearningConfig(1, 0, 0, 255, -1, LearningCodecTest.stdp().traces(),
                List.of(RuleText.parse("dd = x0")), new boolean[] {true});
        assertThat(noGroup.problem(1)).isEqualTo("a rule reads or changes the delay (d, dd) but the core has no"
                + " per-synapse delays (dMax)");
    }

    @Test
    void delaysDisassembleAndAssembleBack() {
        String listing = """
                .arch loihi
                .core 0 0 0
                .format 0 bits=8 exp=0 sign=excitatory
                a0: type=0 n0:100 n1:50
                a1: type=0 n0:255
                n0: vth=200
                n1: vth=200
                .learning epoch=1 weight_frac=0 w_min=0 w_max=255
                .rule "dd = 2^-3 * x1 * y0 - d"
                .plastic 0
                .delays max=7
                .delay 0 3 7
                """;
        byte[] bytes = NbinCodec.encode(Assembler.assemble("d.nasm", listing));
        var img = NbinCodec.decode(bytes);
        LearningConfig c = LearningCodec.decode(img.cores().get(0).learning(), 2, 3);
        assertThat(c.delays()).isEqualTo(new Delays(7, new byte[] {3, 7, 0}));
        String back = Assembler.disassemble(img);
        assertThat(back).contains(".rule \"dd = 2^-3 * x1 * y0 - d\"\n", ".delays max=7\n", ".delay 0 3 7\n")
                .doesNotContain(".delay 1");
        assertThat(NbinCodec.encode(Assembler.assemble("back.nasm", back))).isEqualTo(bytes);
    }

    @Test
    void listingErrorsAreLocated() {
        String head = """
                .arch loihi
                .core 0 0 0
                .format 0 bits=8 exp=0 sign=excitatory
                a0: type=0 n0:100 n1:50
                n0: vth=200
                n1: vth=200
                .learning epoch=1
                """;
        assertThatThrownBy(() -> Assembler.assemble("d.nasm", head + ".delays max=63\n"))
                .hasMessageContaining("d.nasm:8:").hasMessageContaining("63");
        assertThatThrownBy(() -> Assembler.assemble("d.nasm", head + ".delays max=4\n.delay 0 5 1\n"))
                .hasMessageContaining("d.nasm:9:").hasMessageContaining("5");
        assertThatThrownBy(() -> Assembler.assemble("d.nasm", head + ".delays max=4\n.delay 0 1\n"))
                .hasMessageContaining("d.nasm:9:").hasMessageContaining("1 delays, axon 0 has 2 synapses");
        assertThatThrownBy(() -> Assembler.assemble("d.nasm", head + ".delay 0 1 1\n"))
                .hasMessageContaining("d.nasm:8:").hasMessageContaining(".delay needs a .delays line");
        assertThatThrownBy(() -> Assembler.assemble("d.nasm", head + ".rule \"dd = x0\"\n"))
                .hasMessageContaining("no per-synapse delays");
    }
}
