package dev.myelin.tests.fuzz;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.compiler.Compiler;
import dev.myelin.isa.asm.Assembler;
import dev.myelin.cli.Main;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.ImageValidator;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The .nbin loader under seeded mutation. The bases are every sample compiled from its
 * description, the hand-written sample listing and two listings that use every section and
 * option (ILIN, UNIT, learning bytes, Loihi formats, the inclusive negative threshold, reals in
 * ARCH). Each mutant ({@link BinaryMutator}: bit flips, byte and field sets, truncations,
 * insertions, deletions, section swaps, drops, copies, renames and length changes, hostile
 * reals; CRC-32 recomputed for most) goes to {@link NbinCodec#decode}, which must either refuse it with one
 * located line ({@code byte offset N, section S, field F: problem}) or accept it. An accepted
 * mutant then goes through {@link ImageValidator}, {@link Chip#load} (with a probe on the first
 * element of every symbol range) and disasm -> asm, and must come back byte for byte: the
 * decoder accepts one encoding per image. Only files whose header names another minor version
 * (1.0, or a newer one whose unknown sections the reader skips) are read into the current
 * version, so for them the listing must give the bytes of the image re-encoded instead.
 * Every hundredth mutant also goes through the command line ({@code myelin disasm}): exit 0, or
 * exit 2 with one line and no stack trace.
 *
 * <p>The default build runs {@value #DEFAULT_MUTANTS} mutants; {@code -Psoak} (tests/pom.xml) runs
 * {@code myelin.fuzz.mutants} of them (100,000 or more). {@code myelin.fuzz.seed} changes the seed;
 * a failure names the base, the case number and the mutations, which reproduce it.
 */
class BinaryLoaderFuzzTest {
    static final long DEFAULT_SEED = 0x4E42494EL;
    static final int DEFAULT_MUTANTS = 3000;
    /**
     * A mutant is decoded, loaded and listed in about the time its unmutated base takes; far more
     * means a loop that does not consume input. Measured in the test thread's CPU time, so a busy
     * machine does not turn a fair mutant into a failure: a mutant fails when it takes more than
     * {@link #SLOW_FACTOR} times its base's cost and more than {@link #SLOW_MS}.
     */
    static final long SLOW_MS = 5000;
    static final long SLOW_FACTOR = 10;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of the calling thread in ms (wall time where the JVM cannot measure it). */
    private static long cpuMs() {
        return THREADS.isCurrentThreadCpuTimeSupported()
                ? THREADS.getCurrentThreadCpuTime() / 1_000_000 : System.nanoTime() / 1_000_000;
    }
    static final Pattern LOCATED = Pattern.compile("byte offset \\d+, section \\S+, field \\S+: [^\\n]+");
    /** Bases that need no compilation: every section, both datapaths, reals in ARCH and UNIT. */
    static final String TRUENORTH_LISTING = String.join("\n",
            ".arch tiny",
            ".set timing.synapticOpNs 2.5",
            ".set timing.tickPeriodUs 1000.5",
            ".dt 0.1",
            ".core 0 0 0",
            ".negative_threshold inclusive",
            "a0: type=0 11",
            "a1: type=1 0101",
            "n0: s=+1,-2,0,0 alpha=3 beta=2 kappa=1 -> (+1,0) axon 0 delay 2",
            "n1: s=+5,3,0,0 lambda=-1 eps=1 alpha=12 gamma=1 R=-4 v0=7 tm=3 b=0,1,0,0",
            "n3: alpha=1 c=1 -> (0,0) axon 1 delay 1",
            ".core 1 0 0",
            "a0: type=2 1",
            "n0: s=0,0,+4,0 alpha=4",
            ".input in lines=2",
            "  0: core 0 0 0 axon 0 line 0",
            "  1: core 0 0 0 axon 1 line 0 lead 2",
            "  2: core 1 0 0 axon 0 line 1 lead 1",
            ".input raw",
            "  0: core 0 0 0 axon 1",
            ".output out",
            "  0: core 1 0 0 neuron 0",
            "  1: core 0 0 0 neuron 3",
            ".symbol exc size=4 mv_per_lsb=0.25 mv_at_zero=-65.0",
            "  core 0 0 0 neuron=0 count=2 pop=0",
            "  core 0 0 0 neuron=2 count=2 pop=2",
            ".symbol readout size=1",
            "  core 1 0 0 neuron=0 count=1 pop=0",
            ".symbol inh size=1 mv_per_lsb=1.5E-3 mv_at_zero=0.0",
            "  core 0 0 0 neuron=3 count=1 pop=0",
            "");
    static final String LOIHI_LISTING = String.join("\n",
            ".arch loihi",
            ".set board.chipLinkEnergyPj 0.0",
            ".core 0 0 0",
            ".decay nxsdk",
            ".format 0 bits=8 exp=0 sign=excitatory",
            ".format 1 bits=6 exp=1 sign=inhibitory",
            ".format 2 bits=4 exp=-2 sign=mixed",
            "a0: type=0 n0:+255 n2:+1",
            "a1: type=1 n1:-256",
            "a2: type=2 n0:-7 n1:0 n2:+100",
            "n0: du=4096 dv=0 vth=100 bias_mant=37 bias_exp=4 refractory=5 -> (0,0).1 axon 0 delay 1"
                    + " -> (0,0).1 axon 1 delay 5",
            "n1: du=0 dv=4096 vth=131071 bias_mant=-4096 bias_exp=7 u0=-8388608 join=1",
            "n2: du=2048 dv=1 vth=0 bias_mant=4095 u0=8388607 v0=-1 refractory=255",
            ".learning epoch=3 weight_frac=8 w_min=-10 w_max=255 reward=1",
            ".trace x1 decay=200 impulse=4095 width=12 mode=nearest",
            ".trace y3 decay=4096 impulse=1 width=1 mode=add",
            ".rule \"dw = 2^-2 * x1 * y0 - 3 * 2^-3 * (y1 - 2) * x0 + 2^-8 * (w + 5) * t * r1\"",
            ".rule \"dt = -x1 + 7\"",
            ".plastic 0 2",
            ".core 0 0 1",
            ".synapses dense",
            ".format 0 bits=8 exp=0 sign=excitatory",
            ".format 1 bits=8 exp=0 sign=mixed",
            "a0: type=0 n0:+3 n1:0",
            "a1: type=0 n0:0 n1:0",
            "a2: type=1 n0:0 n1:-3",
            "n0: vth=10",
            "n1: vth=2",
            ".input in",
            "  0: core 0 0 0 axon 0",
            "  1: core 0 0 0 axon 2",
            ".output out",
            "  0: core 0 0 1 neuron 1",
            ".symbol pop size=5 mv_per_lsb=0.5 mv_at_zero=-70.0",
            "  core 0 0 0 neuron=0 count=3 pop=0",
            "  core 0 0 1 neuron=0 count=2 pop=3",
            "");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutatedBinariesAreRefusedWithOneLocatedLineOrLoadAndRoundTrip() throws Exception {
        int mutants = Integer.getInteger("myelin.fuzz.mutants", DEFAULT_MUTANTS);
        long seed = Long.getLong("myelin.fuzz.seed", DEFAULT_SEED);
        Map<String, byte[]> bases = bases();
        String[] names = bases.keySet().toArray(new String[0]);
        Stats stats = new Stats();
        Map<String, Long> limitMs = new java.util.HashMap<>();
        for (String name : names) {
            long b0 = cpuMs();
            check(bases.get(name), name + " unmutated", new Stats());
            limitMs.put(name, Math.max(SLOW_MS, SLOW_FACTOR * (cpuMs() - b0)));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < mutants; i++) {
            String name = names[i % names.length];
            Random r = new Random(seed * 0x9E3779B97F4A7C15L + i);
            BinaryMutator.Mutant m = BinaryMutator.mutate(bases.get(name), r);
            String what = name + " case " + i + " (seed " + seed + "): " + m.description();
            long c0 = cpuMs();
            check(m.bytes(), what, stats);
            long ms = cpuMs() - c0;
            if (ms > limitMs.get(name)) {
                stats.fail("slow: one mutant took more CPU time than " + SLOW_FACTOR + "x its base and "
                        + SLOW_MS + " ms", what + ": " + ms + " ms (limit " + limitMs.get(name) + " ms)");
            }
            if (i % 100 == 0) {
                checkCommandLine(m.bytes(), what, stats);
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("binary loader fuzz: %d mutants of %d bases in %.1f s; accepted %d (%d byte-identical, "
                        + "%d read into the current version), refused %d by %d distinct fields; %d command lines%n",
                mutants, bases.size(), s, stats.accepted, stats.identical, stats.upgraded, stats.refused,
                stats.refusedBy.size(), stats.commandLines);
        List<String> failures = new ArrayList<>();
        stats.failures.forEach((kind, example) -> failures.add(kind + ": " + example));
        failures.forEach(f -> System.out.println("FAILURE " + f));
        assertThat(failures).as("kinds of failure, each with its count and first case").isEmpty();
        assertThat(stats.accepted + stats.refused).isEqualTo(mutants);
        // the mutations must reach deep into the parser, not stop at the trailer, and some must load
        assertThat(stats.refusedBy.size()).as("distinct refusing fields " + stats.refusedBy.keySet())
                .isGreaterThan(Math.min(30, mutants / 100));
        if (mutants >= 1000) {
            assertThat(stats.accepted).as("accepted mutants").isGreaterThan(mutants / 1000);
        }
    }

    /** One mutant through decode, validation, the chip and disasm -> asm. */
    private static void check(byte[] bytes, String what, Stats stats) {
        NetworkImage image;
        try {
            image = NbinCodec.decode(bytes);
        } catch (MyelinInputException e) {
            stats.refused++;
            String msg = e.getMessage();
            if (!LOCATED.matcher(msg).matches()) {
                stats.fail("decode: unlocated message: " + FuzzCase.shorten(msg).replaceAll("\\d+", "N"), what + ": "
                        + msg);
            } else {
                stats.refusedBy.merge(field(msg), 1, Integer::sum);
            }
            return;
        } catch (Throwable t) {
            stats.refused++;
            stats.fail("decode: " + signature(t), what + ": " + t);
            return;
        }
        stats.accepted++;
        try {
            ImageValidator.validate(image);
        } catch (Throwable t) {
            stats.fail("validate after decode: " + signature(t), what + ": " + t);
            return;
        }
        try (Chip chip = Chip.load(image, ChipOptions.defaults())) {
            for (Symbol sym : image.symbols()) {
                for (Symbol.Range range : sym.ranges()) {
                    chip.probe(sym.population(), range.popStart());
                }
            }
            chip.run(2);
        } catch (Throwable t) {
            stats.fail("chip: " + signature(t), what + ": " + t);
            return;
        }
        byte[] again;
        try {
            again = NbinCodec.encode(Assembler.assemble("mutant.nasm", Assembler.disassemble(image)));
        } catch (Throwable t) {
            stats.fail("disasm -> asm: " + signature(t), what + ": " + t);
            return;
        }
        int minor = (bytes[6] & 0xff) | (bytes[7] & 0xff) << 8;
        if (minor == 1 || minor == 2) {
            if (Arrays.equals(again, bytes)) {
                stats.identical++;
            } else {
                stats.fail("disasm -> asm: not byte-identical, first difference in " + sectionAt(bytes, again), what
                        + ": " + firstDifference(bytes, again));
            }
        } else {
            byte[] reencoded = NbinCodec.encode(image);
            if (Arrays.equals(again, reencoded)) {
                stats.upgraded++;
            } else {
                stats.fail("disasm -> asm: a 1." + minor + " file's listing differs from its image re-encoded", what);
            }
        }
    }

    /** The mutant as a file given to {@code myelin disasm}: exit 0, or exit 2 with one line and no trace. */
    private void checkCommandLine(byte[] bytes, String what, Stats stats) throws Exception {
        Path f = dir.resolve("mutant.nbin");
        Files.write(f, bytes);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"disasm", f.toString()}, new PrintWriter(out), new PrintWriter(err));
        String e = err.toString().strip();
        stats.commandLines++;
        if (code == 0 && e.isEmpty()) {
            return;
        }
        if (code != 2 || e.contains("\n") || e.contains("Exception") || e.contains("\tat ")
                || !e.contains(": byte offset ")) {
            stats.fail("command line: exit " + code + " with " + e.lines().count() + " lines", what + ": "
                    + FuzzCase.shorten(e));
        }
    }

    private static String firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return "first at byte " + i + " of " + a.length + ", " + b.length + " written";
            }
        }
        return a.length + " bytes read, " + b.length + " written";
    }

    /** The tag of the section (or "header", "trailer") holding the first byte where {@code a} and {@code b} differ. */
    private static String sectionAt(byte[] a, byte[] b) {
        int i = 0;
        while (i < Math.min(a.length, b.length) && a[i] == b[i]) {
            i++;
        }
        if (i < 12) {
            return "header";
        }
        for (int[] s : BinaryMutator.sections(a)) {
            if (i >= s[0] && i < s[1]) {
                return new String(a, s[0], 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        }
        return "trailer";
    }

    /** The exception's class and the first frame of Myelin code outside the tests. */
    private static String signature(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("dev.myelin") && !e.getClassName().startsWith("dev.myelin.tests")) {
                return t.getClass().getSimpleName() + " at " + e;
            }
        }
        return t.getClass().getSimpleName() + ": " + FuzzCase.shorten(String.valueOf(t.getMessage()));
    }

    /** Section and field of a located message with indices dropped: {@code CORE neuron.alpha}. */
    private static String field(String message) {
        int s = message.indexOf(", section ") + 10;
        int f = message.indexOf(", field ", s);
        String section = message.substring(s, f).replaceAll("\\[\\d+]", "");
        return section + " " + message.substring(f + 8, message.indexOf(':', f)).replaceAll("\\[[^]]*]", "");
    }

    /** Every sample compiled, the hand-written sample listing and the two listings above, encoded. */
    static Map<String, byte[]> bases() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        Path samples = NetworkFuzzTest.samples();
        try (Stream<Path> s = Files.list(samples)) {
            for (Path d : s.sorted().toList()) {
                // cuba is the same 4,000-neuron benchmark as cuba_full, an image of the same size
                // and kinds of section (its compartment records and dense rows are fuzzed through
                // LOIHI_LISTING): one of the two keeps the time per mutant within SLOW_MS
                if (Files.exists(d.resolve("net.yaml")) && !d.getFileName().toString().equals("cuba")) {
                    NetworkImage image = Compiler.compileFile(d.resolve("net.yaml"), null).emitted().image();
                    m.put(d.getFileName() + "/net.yaml", NbinCodec.encode(image));
                }
            }
        }
        m.put("hand_tiny.nasm", NbinCodec.encode(Assembler.assemble(samples.resolve("hand_tiny/hand_tiny.nasm"))));
        m.put("truenorth-all-sections", NbinCodec.encode(Assembler.assemble("tn.nasm", TRUENORTH_LISTING)));
        m.put("loihi-all-sections", NbinCodec.encode(Assembler.assemble("loihi.nasm", LOIHI_LISTING)));
        return m;
    }

    /** Outcomes, and failures grouped by kind: how many and the first case of each. */
    private static final class Stats {
        final Map<String, String> failures = new TreeMap<>();
        final Map<String, Integer> failureCounts = new TreeMap<>();
        final Map<String, Integer> refusedBy = new TreeMap<>();
        int accepted;
        int refused;
        int identical;
        int upgraded;
        int commandLines;

        void fail(String kind, String example) {
            int n = failureCounts.merge(kind, 1, Integer::sum);
            failures.put(kind, n + " x, first: " + (n == 1 ? FuzzCase.shorten(example) : firstOf(kind)));
        }

        private String firstOf(String kind) {
            String v = failures.get(kind);
            return v.substring(v.indexOf("first: ") + 7);
        }
    }
}
