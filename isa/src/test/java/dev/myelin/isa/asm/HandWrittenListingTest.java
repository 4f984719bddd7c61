package dev.myelin.isa.asm;

import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.model.TrueNorthNeurons;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What hand-written shortcuts mean: defaults, implicit counts, both field spellings, continuation targets. */
class HandWrittenListingTest {
    @Test
    void countsFollowTheHighestLineOrSynapseAndOmittedFieldsAreZero() {
        NetworkImage img = Assembler.assemble("t.nasm", """
                .arch tiny
                .core 1 1 0
                a2: 0000_0001       # axon 2 (type 0) reaches neuron 7 -> 3 axons, 8 neurons
                n4: lambda=-1 gamma 1
                """);
        CoreImage c = img.cores().get(0);
        assertThat(img.arch()).isEqualTo(Presets.require("tiny"));
        assertThat(c.axonCount()).isEqualTo(3);
        assertThat(c.neuronCount()).isEqualTo(8);
        assertThat(c.axonType()).containsExactly(0, 0, 0);
        Crossbar x = (Crossbar) c.synapses();
        assertThat(x.synapseCount()).isEqualTo(1);
        assertThat(x.get(2, 7)).isTrue();
        TrueNorthNeurons n = (TrueNorthNeurons) c.neurons();
        assertThat(n.leak()).containsExactly(0, 0, 0, 0, -1, 0, 0, 0);
        assertThat(n.resetMode()).containsExactly(0, 0, 0, 0, 1, 0, 0, 0);
        assertThat(c.targets().count()).isZero();
        assertThat(c.learning()).isEmpty();
    }

    @Test
    void negativeThresholdIsStrictUnlessTheCoreSaysInclusiveAndEachCoreKeepsItsOwn() {
        String src = """
                .arch tiny
                .core 0 0 0
                n0: beta=5 lambda=-1
                .core 1 0 0
                .negative_threshold inclusive     ; RANC's V <= -beta
                n0: beta=5 lambda=-1
                """;
        NetworkImage img = Assembler.assemble("t.nasm", src);
        assertThat(((TrueNorthNeurons) img.cores().get(0).neurons()).negativeThreshold())
                .isEqualTo(NegativeThreshold.STRICT);
        assertThat(((TrueNorthNeurons) img.cores().get(1).neurons()).negativeThreshold())
                .isEqualTo(NegativeThreshold.INCLUSIVE);
        String shown = Assembler.disassemble(img);
        assertThat(shown).contains(".core 0 0 0    ; holds no named population\n.axons 0\n.neurons 1\n"
                + ".negative_threshold strict    ; V < -beta crosses the negative threshold (TrueNorth's rule)\n");
        assertThat(shown).contains(".core 1 0 0    ; holds no named population\n.axons 0\n.neurons 1\n"
                + ".negative_threshold inclusive    ; V <= -beta crosses the negative threshold (RANC's rule)\n");
        byte[] bytes = dev.myelin.isa.codec.NbinCodec.encode(img);
        assertThat(dev.myelin.isa.codec.NbinCodec.encode(Assembler.assemble("shown.nasm", shown))).isEqualTo(bytes);
    }

    @Test
    void stochasticBitsPackIntoTheMaskWithTypeZeroLowest() {
        NetworkImage img = Assembler.assemble("t.nasm", ".arch tiny\n.core 0 0 0\nn0: b=1,0,1,1\n");
        // b0=1, b2=1, b3=1 -> 1 + 4 + 8 = 13
        assertThat(((TrueNorthNeurons) img.cores().get(0).neurons()).stochasticSynapse()).containsExactly(13);
    }

    @Test
    void loihiTargetsMayContinueOnFollowingLines() {
        NetworkImage img = Assembler.assemble("l.nasm", """
                .arch loihi
                .core 0 0 0
                .decay nxsdk
                .format 0 bits=8 exp=-2 sign=mixed
                .format 1 bits=4 exp=0 sign=inhibitory
                a0: type=1 n3:-7 n1:-1
                n0: du=4096 vth=100 bias_mant=-5 bias_exp=3
                    -> (0,0).1 axon 9 delay 2
                    -> (+1,+2).3 axon 4
                .learning epoch=2 weight_frac=4 w_min=0 w_max=200 reward=none
                .trace x1 decay=200 impulse=127 width=7 mode=nearest
                .rule "dw = 2^-2 * x1 * y0 - 3 * 2^-3 * (y1 - 2) * x0"
                .plastic 0
                .core 0 0 1
                .axons 10
                .format 0 bits=8 exp=0 sign=mixed
                .core 1 2 3
                .axons 5
                .format 0 bits=8 exp=0 sign=mixed
                """);
        CoreImage c = img.cores().get(0);
        assertThat(c.neuronCount()).isEqualTo(4);
        assertThat(c.formats()).containsExactly(new SynapseFormat(8, -2, SynapseFormat.MIXED),
                new SynapseFormat(4, 0, SynapseFormat.INHIBITORY));
        SparseRows s = (SparseRows) c.synapses();
        assertThat(s.post()).containsExactly(3, 1);
        assertThat(s.weight()).containsExactly(-7, -1);
        LoihiNeurons l = (LoihiNeurons) c.neurons();
        assertThat(l.decayMode()).isEqualTo(LoihiNeurons.DECAY_NXSDK);
        assertThat(l.du()).containsExactly(4096, 0, 0, 0);
        assertThat(l.biasMant()).containsExactly(-5, 0, 0, 0);
        assertThat(c.targets().start()).containsExactly(0, 2, 2, 2, 2);
        assertThat(c.targets().slot()).containsExactly(1, 3);
        assertThat(c.targets().dy()).containsExactly(0, 2);
        assertThat(c.targets().delay()).containsExactly(2, 1);
        var learn = dev.myelin.isa.codec.LearningCodec.decode(c.learning(), c.axonCount());
        assertThat(learn.epoch()).isEqualTo(2);
        assertThat(learn.weightFrac()).isEqualTo(4);
        assertThat(learn.wMax()).isEqualTo(200);
        assertThat(learn.traces().get(0)).isEqualTo(new dev.myelin.isa.learn.Trace(200, 127, 7, true));
        assertThat(learn.rules()).hasSize(1);
        assertThat(learn.rules().get(0).text()).isEqualTo("dw = 2^-2 * x1 * y0 - 3 * 2^-3 * (y1 - 2) * x0");
        assertThat(learn.plastic()).containsExactly(true);
    }

    @Test
    void loihiRefractoryDelayAndJoinAreNeuronFieldsAndExtendTheRecordsOnlyWhenUsed() {
        NetworkImage img = Assembler.assemble("r.nasm", """
                .arch loihi
                .core 0 0 0
                n0: du=409 join=1
                n1: du=819 vth=100 refractory=5
                .core 0 0 1
                n0: vth=100
                """);
        LoihiNeurons a = (LoihiNeurons) img.cores().get(0).neurons();
        assertThat(a.join()).containsExactly(LoihiNeurons.JOIN_ADD, LoihiNeurons.JOIN_NONE);
        assertThat(a.refractory()).containsExactly(0, 5);
        assertThat(a.extended()).isTrue();
        assertThat(((LoihiNeurons) img.cores().get(1).neurons()).extended()).isFalse();
        String listing = Assembler.disassemble(img);
        assertThat(listing).contains("refractory=5").contains("join=1")
                .contains(";   refractory = ticks v is held after a spike (u integrates on) [0, 255]");
        // the plain core's lines keep the 16-byte record's seven fields
        assertThat(listing.lines().filter(x -> x.startsWith("n0: du=0")).findFirst().orElseThrow())
                .doesNotContain("refractory");
    }

    @Test
    void namesMayBeQuotedWithEscapes() {
        NetworkImage img = Assembler.assemble("q.nasm", """
                .arch tiny
                .set energy.profile "my;profile"
                .flags 0x0000_0000
                .core 0 0 0
                a0:
                .input "in\\x41#1"
                  0: core 0 0 0 axon=0
                """);
        assertThat(img.arch().energyProfile()).isEqualTo("my;profile");
        assertThat(img.flags()).isZero();
        assertThat(img.inputs().get(0).name()).isEqualTo("inA#1");
        assertThat(Assembler.disassemble(img)).contains(".input \"inA#1\"", ".set energy.profile \"my;profile\"",
                ".flags 0x00000000");
    }

    @Test
    void disassemblerStartsFromTheClosestPresetWhenTheNameIsNew() {
        var arch = Presets.require("tiny").toBuilder().set(dev.myelin.isa.arch.ArchParam.NAME, "mine")
                .build("test");
        NetworkImage img = new NetworkImage(arch, 0, java.util.List.of(), java.util.List.of(), java.util.List.of(),
                java.util.List.of());
        String text = Assembler.disassemble(img);
        // tiny differs in one parameter (name); truenorth in eight
        assertThat(text).contains(".arch tiny\n.set name mine ");
        assertThat(Assembler.assemble("m.nasm", text).arch()).isEqualTo(arch);
    }
}
