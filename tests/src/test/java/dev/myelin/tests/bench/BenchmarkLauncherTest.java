package dev.myelin.tests.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the JMH benchmarks of this package, only under the bench profile ({@code -Pbench}). */
@EnabledIfSystemProperty(named = "myelin.bench", matches = "true")
class BenchmarkLauncherTest {

    @Test
    void runBenchmarks() throws Exception {
        Options o = new OptionsBuilder()
                .include(getClass().getPackageName() + ".*Benchmark")
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(2))
                .measurementIterations(3).measurementTime(TimeValue.seconds(3))
                .build();
        Collection<RunResult> results = new Runner(o).run();
        assertThat(results).isNotEmpty();
    }
}
