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

/**
 * Runs the JMH benchmarks of this package, only under the bench profile ({@code -Pbench}).
 * {@code -Dmyelin.bench.include=REGEX} runs only the benchmarks whose name matches (for example
 * {@code 'TrueNorthCore|LoihiCore'}); {@code -Dmyelin.bench.seconds=S} sets the length of every
 * warmup and measurement iteration (default 2 s warmup, 3 s measurement).
 */
@EnabledIfSystemProperty(named = "myelin.bench", matches = "true")
class BenchmarkLauncherTest {

    @Test
    void runBenchmarks() throws Exception {
        String include = System.getProperty("myelin.bench.include", ".*");
        String seconds = System.getProperty("myelin.bench.seconds");
        int warmup = seconds == null ? 2 : Integer.parseInt(seconds);
        int measurement = seconds == null ? 3 : Integer.parseInt(seconds);
        Options o = new OptionsBuilder()
                .include(getClass().getPackageName() + ".(" + include + ").*Benchmark")
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(warmup))
                .measurementIterations(3).measurementTime(TimeValue.seconds(measurement))
                .build();
        Collection<RunResult> results = new Runner(o).run();
        assertThat(results).isNotEmpty();
    }
}
