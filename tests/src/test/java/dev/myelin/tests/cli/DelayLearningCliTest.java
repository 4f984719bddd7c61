package dev.myelin.tests.cli;

import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.codec.LearningCodec;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.learn.Delays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A description whose plasticity changes synaptic delays (docs/learning.md, "Synaptic delays"),
 * compiled and run by {@code myelin run}: the dumped delay column, the saved binary's delay group
 * and its listing, on 1 and 2 threads.
 */
class DelayLearningCliTest {
    @TempDir
    Path tmp;

    /**
     * pre spikes at tick 2, the teacher at tick 5 (both inputs reach their axons with the same lag,
     * so 3 ticks apart). post fires on the teacher (255 > 200); at that epoch's end pre's x1 has
     * decayed three times from 64 (decay 2048 halves it exactly): 8, and dd = 2^-3 * 8 * 1 = 1,
     * so the plastic synapse's delay goes from d_init 2 to 3. The teacher's synapse keeps 0.
     */
    @Test
    void theLearnedDelayIsDumpedSavedAndListed() throws Exception {
        Files.writeString(tmp.resolve("pre.csv"), "tick,index\n2,0\n");
        Files.writeString(tmp.resolve("teacher.csv"), "tick,index\n5,0\n");
        Path net = tmp.resolve("net.yaml");
        Files.writeString(net, String.join("\n",
                "name: delay_learning",
                "arch: loihi",
                "dt: 1 ms",
                "populations:",
                "  - {name: post, size: 1, model: loihi_lif, params: {du: 4095, dv: 4095, vth: 200}}",
                "inputs:",
                "  - {name: pre, type: spike_array, size: 1, file: pre.csv}",
                "  - {name: teacher, type: spike_array, size: 1, file: teacher.csv}",
                "projections:",
                "  - name: syn",
                "    pre: pre",
                "    post: post",
                "    connect: one_to_one",
                "    weight: 100",
                "    plasticity:",
                "      rule: custom",
                "      dd: \"2^-3 * x1 * y0\"",
                "      traces: {x1: {decay: 2048, impulse: 64, bits: 7}}",
                "      d_max: 5",
                "      d_init: 2",
                "  - {name: teach, pre: teacher, post: post, connect: one_to_one, weight: 255}",
                ""));
        Path one = tmp.resolve("one.csv");
        Path two = tmp.resolve("two.csv");
        Path bin = tmp.resolve("learned.nbin");
        Cli.ok("run", net.toString(), "--ticks", "20", "-q", "--dump-weights", one.toString(), "--save-binary",
                bin.toString());
        Cli.ok("run", net.toString(), "--ticks", "20", "-q", "--threads", "2", "--dump-weights", two.toString());
        List<String> rows = Files.readAllLines(one);
        assertThat(Files.readAllLines(two)).isEqualTo(rows);
        assertThat(rows).containsExactly("pre,pre_index,post,post_index,core,axon,plastic,weight,raw_weight,tag,delay",
                "pre,0,post,0,\"(0,0,0)\",0,1,100,100,0,3",
                "teacher,0,post,0,\"(0,0,0)\",1,0,255,255,0,0");

        var img = NbinCodec.read(bin);
        var core = img.cores().stream().filter(c -> c.learning().length > 0).findFirst().orElseThrow();
        assertThat(LearningCodec.decode(core.learning(), core.axonCount()).delays())
                .isEqualTo(new Delays(5, new byte[] {3, 0}));
        assertThat(Assembler.disassemble(img)).contains("\n.rule \"dd = 2^-3 * x1 * y0\"\n", "\n.delays max=5\n",
                "\n.delay 0 3\n");
    }
}
