package dev.myelin.chip.trace;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class VcdWriterTest {
    @TempDir
    Path dir;

    private Path sample() {
        Path f = dir.resolve("run.vcd");
        VcdWriter w = new VcdWriter(f, 1.0);
        int core = w.scope("core_0_0_0");
        int n0 = w.wire(core, "spike_n0");
        int v0 = w.integer(core, "v_n0", 32);
        int noc = w.scope("noc");
        int fifo = w.integer(noc, "fifo_0_0", 16);
        w.begin("myelin test", "one neuron");
        // tick 0: v = 5; tick 1: fires, v = 0; tick 2: fires again; tick 3: v = -3, FIFO 2
        w.startTick(0);
        w.set(0, v0, 5);
        w.startTick(1);
        w.pulse(1, n0);
        w.set(1, v0, 0);
        w.startTick(2);
        w.pulse(2, n0);
        w.startTick(3);
        w.set(3, v0, -3);
        w.set(3, fifo, 2);
        w.commit(4, false);
        return f;
    }

    @Test
    void writesHeaderTimeZeroChangesOnlyAndTwosComplement() throws Exception {
        String text = Files.readString(sample());
        assertThat(text).contains("$timescale 1 ms $end")
                .contains("$scope module core_0_0_0 $end\n$var wire 1 ! spike_n0 $end\n$var integer 32 \" v_n0 $end")
                .contains("$enddefinitions $end\n#0\n$dumpvars\n0!\nb0 \"\nb0 #\n$end\n");
        // the spike wire rises at tick 1 and stays high through tick 2 (no glitch), falls at tick 3
        String changes = text.substring(text.indexOf("$dumpvars"));
        assertThat(changes).contains("$end\nb101 \"\n#1\n1!\nb0 \"\n")
                .contains("#3\nb11111111111111111111111111111101 \"\nb10 #\n0!\n#4\n");
        assertThat(changes).doesNotContain("#2\n");
    }

    /**
     * The time axis is model time in the coarsest unit holding dt exactly: 1 ms is one "1 ms" step,
     * 0.1 ms one "100 us" step, 0.25 ms 25 "10 us" steps, 2.5 s 25 "100 ms" steps; 1/3 ms has no
     * exact unit and is rounded to 333,333,333,333 fs.
     */
    @Test
    void timescaleHoldsDtExactly() {
        assertThat(VcdWriter.Timescale.of(1.0)).isEqualTo(new VcdWriter.Timescale("1 ms", 1));
        assertThat(VcdWriter.Timescale.of(0.1)).isEqualTo(new VcdWriter.Timescale("100 us", 1));
        assertThat(VcdWriter.Timescale.of(0.25)).isEqualTo(new VcdWriter.Timescale("10 us", 25));
        assertThat(VcdWriter.Timescale.of(2500)).isEqualTo(new VcdWriter.Timescale("100 ms", 25));
        assertThat(VcdWriter.Timescale.of(1e-6)).isEqualTo(new VcdWriter.Timescale("1 ns", 1));
        assertThat(VcdWriter.Timescale.of(1.0 / 3)).isEqualTo(new VcdWriter.Timescale("1 fs", 333_333_333_333L));
    }

    @Test
    void realsAreWrittenOnChangeOnly() throws Exception {
        Path f = dir.resolve("real.vcd");
        VcdWriter w = new VcdWriter(f, 0.1);
        int clocks = w.scope("clocks");
        int tick = w.real(clocks, "chip_tick_ns");
        w.begin("myelin test", "reals");
        for (int t = 0; t < 3; t++) {
            w.startTick(t);
            w.setReal(t, tick, t == 2 ? 812.5 : 600.0);
        }
        w.commit(3, false);
        String text = Files.readString(f);
        assertThat(text).contains("$timescale 100 us $end").contains("$var real 64 ! chip_tick_ns $end")
                .contains("#0\n$dumpvars\nr0.0 !\n$end\nr600.0 !\n#2\nr812.5 !\n#3\n");
    }

    @Test
    void identifiersAreBase94Printable() {
        assertThat(VcdWriter.id(0)).isEqualTo("!");
        assertThat(VcdWriter.id(93)).isEqualTo("~");
        assertThat(VcdWriter.id(94)).isEqualTo("!\"");
    }

    /** GTKWave's converter reads the file without a warning (needs Debian's gtkwave package). */
    @Test
    void vcd2fstConvertsWithoutWarnings() throws Exception {
        String tool = onPath("vcd2fst");
        Assumptions.assumeTrue(tool != null, "vcd2fst not on PATH: install Debian's gtkwave to run this check");
        Path vcd = sample();
        Path fst = dir.resolve("run.fst");
        Process p = new ProcessBuilder(tool, vcd.toString(), fst.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output.toLowerCase()).doesNotContain("warning").doesNotContain("error");
        assertThat(Files.size(fst)).isPositive();
    }

    static String onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
