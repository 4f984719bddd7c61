package dev.myelin.chip.run;

import dev.myelin.chip.dist.BoardNet;
import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.energy.Pricing;
import dev.myelin.chip.trace.EnergyReport;
import dev.myelin.isa.spi.CompiledNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run keeps the per-core counts of every tick only when it writes its stats (the only reader:
 * re-pricing from the stats file), and reports the same profile latency either way: the sum the
 * recorder takes tick by tick equals the one re-pricing computes from the kept counts.
 */
class CoreTicksKeptTest {
    private static final int TICKS = 120;

    @TempDir
    Path dir;

    private static RunOptions options(Path stats) {
        return new RunOptions(Path.of("board"), null, TICKS, Map.of(), 7L, 1, "simple", null, List.of(), null, null,
                stats, null, null, null, null, 0, true);
    }

    private static RunResult run(CompiledNetwork net, RunOptions o) {
        try (StopFlag stop = StopFlag.manual()) {
            return RunSession.run(o, net, stop, new PrintWriter(new StringWriter()));
        }
    }

    @Test
    void perTickCountsAreKeptForTheStatsAloneAndTheProfileLatencyIsTheSameEitherWay() {
        CompiledNetwork net = BoardNet.network(11, TICKS);
        RunResult plain = run(net, options(null));
        RunResult kept = run(net, options(dir.resolve("stats.txt")));
        assertThat(plain.counts().coreTicks()).isNull();
        int cores = kept.counts().cores().size();
        assertThat(kept.counts().coreTicks()).hasSize(TICKS * cores * Activity.COUNT);
        assertThat(kept.counts().total(Activity.SPIKES)).isPositive().isEqualTo(plain.counts().total(Activity.SPIKES));
        double latency = kept.energy().profileLatencyNs();
        assertThat(latency).isPositive();
        assertThat(plain.energy().profileLatencyNs()).isEqualTo(latency);
        // re-pricing with the run's own profile, from the kept per-tick counts, gives the same sum to the bit
        EnergyReport again = EnergyReport.price(kept.counts(),
                Pricing.forBoard(kept.energy().profile(), kept.counts().cores(), net.image().arch()));
        assertThat(again.profileLatencyNs()).isEqualTo(latency);
        assertThat(again.totalPj()).isEqualTo(kept.energy().totalPj()).isEqualTo(plain.energy().totalPj());
    }
}
