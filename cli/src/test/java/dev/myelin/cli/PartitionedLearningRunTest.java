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

    /**
     * A description compiled with {@code --input-delivery on-chip} on a board given by {@code --arch}
     * (the synfire loop of four groups, one per chip, kicked by an input port): every member JVM
     * compiles it so, and the spikes are those of the plain run; {@code --dt} on a binary is refused
     * by the launcher as by {@code myelin run}.
     */
    @Test
    void inputDeliveryCompilesTheDescriptionOnEveryMember() throws Exception {
        Path d = dir.resolve("synfire");
        Files.createDirectories(d);
        Files.writeString(d.resolve("board.yaml"), """
                extends: truenorth
                name: truenorth-board-2x2
                mesh:
                  routersX: 2
                  routersY: 2
                board:
                  chipsX: 2
                  chipsY: 2
                """);
        Files.writeString(d.resolve("net.yaml"), """
                name: synfire
                arch: truenorth
                dt: 1 ms
                populations:
                  - {name: g0, size: 8, model: if, params: {v_thresh: 4 mV}}
                  - {name: g1, size: 8, model: if, params: {v_thresh: 4 mV}}
                  - {name: g2, size: 8, model: if, params: {v_thresh: 4 mV}}
                  - {name: g3, size: 8, model: if, params: {v_thresh: 4 mV}}
                inputs:
                  - {name: kick, type: spike_array, size: 8, file: kick.csv}
                projections:
                  - {pre: kick, post: g0, connect: one_to_one, weight: 4 mV, delay: 1}
                  - {pre: g0, post: g1, connect: all_to_all, weight: 1 mV, delay: 1}
                  - {pre: g1, post: g2, connect: all_to_all, weight: 1 mV, delay: 2}
                  - {pre: g2, post: g3, connect: all_to_all, weight: 1 mV, delay: 3}
                  - {pre: g3, post: g0, connect: all_to_all, weight: 1 mV, delay: 4}
                mapping:
                  pin:
                    - {population: g0, slice: [0, 8], cores: [[0, 0]]}
                    - {population: g1, slice: [0, 8], cores: [[3, 0]]}
                    - {population: g2, slice: [0, 8], cores: [[3, 3]]}
                    - {population: g3, slice: [0, 8], cores: [[0, 3]]}
                """);
        // one kick of all eight lines at tick 0, and again at tick 55
        StringBuilder kick = new StringBuilder("tick,index\n");
        for (int t : new int[] {0, 55}) {
            for (int i = 0; i < 8; i++) {
                kick.append(t).append(',').append(i).append('\n');
            }
        }
        Files.writeString(d.resolve("kick.csv"), kick);
        StringWriter err = new StringWriter();
        List<String> plain = List.of("run", d.resolve("net.yaml").toString(), "--arch=" + d.resolve("board.yaml"),
                "--input-delivery=on-chip", "--ticks=100", "--quiet",
                "--spikes=" + d.resolve("plain.csv"));
        assertEquals(0, myelin(plain, err), err.toString());
        List<String> k2 = new ArrayList<>(plain);
        k2.set(k2.size() - 1, "--spikes=" + d.resolve("k2.csv"));
        k2.add("--local-partitions=2");
        assertEquals(0, myelin(k2, err), err.toString());
        // the loop goes round: 8 spikes per group per round, rounds of 10 ticks
        assertTrue(Files.readAllLines(d.resolve("plain.csv")).size() > 100, Files.readString(d.resolve("plain.csv")));
        assertArrayEquals(Files.readAllBytes(d.resolve("plain.csv")), Files.readAllBytes(d.resolve("k2.csv")));

        err = new StringWriter();
        assertEquals(2, myelin(args(dir.resolve("bad"), "--dt=1ms", "--local-partitions=2"), err));
        assertTrue(err.toString().contains("--dt applies to NIR files"), err.toString());
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
        // the synapses of PartitionedRunTest's board do not learn
        Path digital = dir.resolve("digital.nbin");
        NbinCodec.write(digital, dev.myelin.chip.dist.BoardNet.image(1));
        err = new StringWriter();
        assertEquals(2, myelin(List.of("run", digital.toString(), "--ticks=10", "--device=ideal", "--local-partitions=2"),
                err));
        assertTrue(err.toString().contains("--device ideal: the network has no learning core"), err.toString());
        // --adc-bits without any device to read: the launcher says so once, not once per member
        err = new StringWriter();
        assertEquals(2, myelin(List.of("run", digital.toString(), "--ticks=10", "--adc-bits=6", "--local-partitions=2"),
                err));
        String text = err.toString();
        String said = "--adc-bits 6: no learning core has a device";
        assertTrue(text.contains(said), text);
        assertEquals(text.indexOf(said), text.lastIndexOf(said), text);
    }

    /**
     * A readout one core cannot serve (its plastic axons' types have two weight exponents, and the
     * column-current read has one ADC scale) is one usage error of the launcher, whichever member
     * would own the core: not that member's failure while the others wait for it.
     */
    @Test
    void aReadoutOneCoreCannotServeIsOneUsageError() throws Exception {
        String listing = PartitionLearningTest.listing(".device ideal");
        String format = ".format 0 bits=8 exp=0 sign=excitatory\n";
        int last = listing.lastIndexOf(format) + format.length();
        int a1 = listing.indexOf("a1: type=0", last);
        String mixed = listing.substring(0, last) + ".format 1 bits=8 exp=1 sign=excitatory\n"
                + listing.substring(last, a1) + "a1: type=1" + listing.substring(a1 + "a1: type=0".length());
        Path nbinMixed = dir.resolve("mixed-board.nbin");
        NbinCodec.write(nbinMixed, dev.myelin.isa.asm.Assembler.assemble("mixed-board.nasm", mixed));
        String said = "core (0,1,0): the column-current read needs the plastic axons' types to share one weight"
                + " exponent: axon 0 has 0, axon 1 1";
        for (String k : List.of("1", "2")) {
            StringWriter err = new StringWriter();
            assertEquals(2, myelin(List.of("run", nbinMixed.toString(), "--ticks=10", "--input=in=" + input,
                    "--adc-bits=6", "--local-partitions=" + k), err), k);
            String text = err.toString();
            assertTrue(text.contains(said), text);
            assertEquals(text.indexOf(said), text.lastIndexOf(said), text);
            assertFalse(text.contains("left"), text);
        }
        // the stored-weight read has no such need: the run goes ahead
        StringWriter err = new StringWriter();
        assertEquals(0, myelin(List.of("run", nbinMixed.toString(), "--ticks=10", "--input=in=" + input, "-q",
                "--local-partitions=2"), err), err.toString());
    }
}
