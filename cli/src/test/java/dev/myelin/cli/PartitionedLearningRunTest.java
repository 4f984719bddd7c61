package dev.myelin.cli;

import dev.myelin.chip.dist.PartitionLearningTest;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.spi.CompiledNetwork;
import dev.myelin.isa.spi.Stimulus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code myelin run} of a learning board (chip's PartitionLearningTest: 2 x 2 Loihi chips, every
 * core learning) with memristive devices, partitioned: the spikes, the learned weights and the
 * learned binary are those of the plain run byte for byte, with the device of the sections and
 * with {@code --device} / {@code --adc-bits} passed to every member JVM.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PartitionedLearningRunTest {
    @TempDir
    static Path dir;
    static Path nbin;
    static Path input;

    @BeforeAll
    static void board() throws Exception {
        // the section's device: Ag:a-Si, with cycle-to-cycle noise, so every core's seed shows
        CompiledNetwork net = PartitionLearningTest.network(".device ag-a-si");
        nbin = dir.resolve("learning-board.nbin");
        NbinCodec.write(nbin, net.image());
        Stimulus.SpikeArray in = (Stimulus.SpikeArray) net.stimuli().get(0);
        StringBuilder b = new StringBuilder("tick,index\n");
        for (int i = 0; i < in.tick().length; i++) {
            b.append(in.tick()[i]).append(',').append(in.index()[i]).append('\n');
        }
        input = dir.resolve("in.csv");
        Files.writeString(input, b);
    }

    private static int myelin(List<String> args, StringWriter err) {
        return Main.run(args.toArray(new String[0]), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    private static List<String> args(Path out, String... more) throws Exception {
        Files.createDirectories(out);
        List<String> a = new ArrayList<>(List.of("run", nbin.toString(), "--ticks=" + PartitionLearningTest.TICKS,
                "--input=in=" + input, "--seed=5", "--quiet", "--spikes=" + out.resolve("spikes.csv"),
                "--dump-weights=" + out.resolve("weights.csv"), "--save-binary=" + out.resolve("learned.nbin")));
        a.addAll(List.of(more));
        return a;
    }

    private static void same(Path plain, Path o, String what) throws Exception {
        for (String f : List.of("spikes.csv", "weights.csv", "learned.nbin")) {
            assertArrayEquals(Files.readAllBytes(plain.resolve(f)), Files.readAllBytes(o.resolve(f)), f + " of " + what);
        }
    }

    /** K = 1 in this JVM, and K = 2 member JVMs with the device overrides (passed on and handshaken). */
    @Test
    void partitionedLearningRunsWriteTheFilesOfOneJvm() throws Exception {
        StringWriter err = new StringWriter();
        Path plain = dir.resolve("plain");
        assertEquals(0, myelin(args(plain), err), err.toString());
        assertTrue(Files.readString(plain.resolve("weights.csv")).lines().findFirst().orElseThrow().endsWith(",g_ns"));
        Path one = dir.resolve("k1");
        assertEquals(0, myelin(args(one, "--local-partitions=1"), err), err.toString());
        same(plain, one, "K = 1");

        Path plainOverride = dir.resolve("plain-override");
        assertEquals(0, myelin(args(plainOverride, "--device=ideal", "--adc-bits=6"), err), err.toString());
        // the override changes what is learned: the files differ from the section's device
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(plain.resolve("weights.csv")),
                Files.readAllBytes(plainOverride.resolve("weights.csv"))));
        Path two = dir.resolve("k2");
        assertEquals(0, myelin(args(two, "--device=ideal", "--adc-bits=6", "--local-partitions=2"), err), err.toString());
        same(plainOverride, two, "K = 2 JVMs with --device ideal --adc-bits 6");
    }

    /** A bad preset or ADC width is one usage error of the launcher, before any member starts. */
    @Test
    void aBadDeviceIsAUsageErrorBeforeAnyMemberStarts() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(2, myelin(args(dir.resolve("bad"), "--device=no-such", "--local-partitions=2"), err));
        assertTrue(err.toString().contains("--device no-such: unknown device preset"), err.toString());
        err = new StringWriter();
        assertEquals(2, myelin(args(dir.resolve("bad"), "--adc-bits=17", "--local-partitions=2"), err));
        assertTrue(err.toString().contains("--adc-bits 17: out of range [1, 16]"), err.toString());
    }
}
