package dev.myelin.tests.learn;

import dev.myelin.chip.learn.LearningCore;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.compiler.YamlFrontend;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.spi.CompiledNetwork;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delay-learning sample: each afferent's plastic delay moves, one tick at a time, until its
 * spike arrives in the tick of the reference (clock) spike (expect.yaml, delay_learning).
 */
class DelayLearningSampleTest {
    @Test
    @SuppressWarnings("unchecked")
    void theDelaysAlignTheArrivalsWithTheClock() throws Exception {
        var dir = StdpPairSampleTest.sample("delay-learning");
        Map<String, Object> expect = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(dir.resolve("expect.yaml")));
        Map<String, Object> p = (Map<String, Object>) expect.get("delay_learning");
        int ticks = ((Number) expect.get("ticks")).intValue();
        int period = num(p, "period");
        int start = num(p, "start");
        int clock = num(p, "clock");
        List<Integer> offsets = ints(p, "offsets");
        List<Integer> before = ints(p, "delays_before");
        List<Integer> after = ints(p, "delays_after");
        List<Integer> spreads = ints(p, "spreads");
        int n = offsets.size();
        // the fixed point of the rule: an arrival in the clock's tick changes nothing (both traces
        // are read before the tick's impulses), so the learned delay is clock - offset
        for (int i = 0; i < n; i++) {
            assertThat(after.get(i)).as("delays_after[%d] is clock - offset", i).isEqualTo(clock - offsets.get(i));
        }
        CompiledNetwork cn = new YamlFrontend().compile(dir.resolve("net.yaml"), null);
        Port in = cn.image().inputs().stream().filter(q -> q.name().equals("afferents")).findFirst().orElseThrow();
        for (int threads : new int[] {1, 2}) {
            try (Chip chip = Chip.load(cn.image(), ChipOptions.defaults().withThreads(threads))) {
                StdpPairSampleTest.inject(chip, cn, ticks);
                List<long[]> arrivals = new ArrayList<>();
                chip.addOutputListener((port, line, tick) -> {
                    if (port.equals("arrival")) {
                        arrivals.add(new long[] {line, tick});
                    }
                });
                LearningCore[] core = new LearningCore[n];
                int[] syn = new int[n];
                for (int i = 0; i < n; i++) {
                    PortEntry e = in.entries().get(i);
                    core[i] = chip.learning(chip.layout().indexOf(e.core()));
                    syn[i] = core[i].rowStart(e.index());
                    assertThat(core[i].delay(syn[i])).as("initial delay of afferent %d", i).isEqualTo(before.get(i));
                }
                chip.run(start);
                for (int k = 0; start + (long) (k + 1) * period <= ticks; k++) {
                    int[] d = new int[n];
                    for (int i = 0; i < n; i++) {
                        d[i] = core[i].delay(syn[i]);
                    }
                    arrivals.clear();
                    chip.run(period);
                    long[] at = new long[n];
                    for (long[] a : arrivals) {
                        at[(int) a[0]] = a[1];
                    }
                    assertThat(arrivals).as("one arrival per afferent in period %d (%d threads)", k, threads).hasSize(n);
                    List<Long> rel = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        // a spike takes the delay its synapse has when it is integrated
                        long base = start + (long) k * period;
                        assertThat(at[i]).as("arrival of afferent %d in period %d", i, k)
                                .isEqualTo(base + offsets.get(i) + d[i]);
                        rel.add(at[i] - base);
                        // a step moves a delay by at most 1 tick, towards the clock, never past it
                        int now = core[i].delay(syn[i]);
                        int target = after.get(i);
                        assertThat(now - d[i]).as("delay step of afferent %d in period %d", i, k)
                                .isBetween(d[i] < target ? 0 : d[i] > target ? -1 : 0, d[i] < target ? 1 : 0);
                    }
                    long spread = Collections.max(rel) - Collections.min(rel);
                    int want = k < spreads.size() ? spreads.get(k) : 0;
                    assertThat(spread).as("arrival spread in period %d (%d threads)", k, threads).isEqualTo(want);
                }
                for (int i = 0; i < n; i++) {
                    assertThat(core[i].delay(syn[i])).as("learned delay of afferent %d", i).isEqualTo(after.get(i));
                }
            }
        }
    }

    private static int num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).intValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> ints(Map<String, Object> m, String key) {
        return ((List<Number>) m.get(key)).stream().map(Number::intValue).toList();
    }
}
