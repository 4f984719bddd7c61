package dev.myelin.tests.compiler;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.YamlFrontend;
import dev.myelin.compiler.report.ReportData;
import dev.myelin.isa.spi.CompiledNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one runner for firmware-samples/samples/NAME/: every {@code net.yaml} compiles, and its
 * {@code expect.yaml} holds: cores used, whether placement beats row-major, and spike counts
 * per population over {@code ticks} ticks (exact, or an inclusive [min, max] range), checked on
 * the chip and on the reference simulation (which must agree spike for spike). Optional
 * {@code spike_ticks} give the exact ticks of every spike of a population. A sample whose
 * {@code expect.yaml} names a hand-written {@code listing} (with its {@code inputs}, PORT: CSV)
 * has that listing assembled and run against the same {@code cores}, {@code spikes} and
 * {@code spike_ticks}, on the chip and on the datapath's reference model.
 */
class SamplesTest {
    static Path samples() {
        return dev.myelin.tests.Samples.dir();
    }

    static Stream<String> names() throws Exception {
        try (Stream<Path> s = Files.list(samples())) {
            return s.filter(d -> Files.exists(d.resolve("net.yaml"))).map(d -> d.getFileName().toString()).sorted()
                    .toList().stream();
        }
    }

    /** Every sample folder (a README of its own) has its row in firmware-samples/README.md's table. */
    @org.junit.jupiter.api.Test
    void everySampleIsListedInTheSamplesReadme() throws Exception {
        String table = Files.readString(samples().getParent().resolve("README.md"));
        try (Stream<Path> s = Files.list(samples())) {
            List<String> folders = s.filter(d -> Files.exists(d.resolve("README.md")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            assertThat(folders).isNotEmpty();
            for (String name : folders) {
                assertThat(table).as("firmware-samples/README.md lists " + name).contains("| `" + name + "` |");
            }
        }
    }

    static Stream<String> listingNames() throws Exception {
        try (Stream<Path> s = Files.list(samples())) {
            return s.filter(d -> Files.exists(d.resolve("expect.yaml")) && expect(d).containsKey("listing"))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** A sample's expectations, once it is known to have its README. */
    static Map<String, Object> expectations(Path dir) {
        assertThat(dir.resolve("README.md")).exists();
        return expect(dir);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> expect(Path dir) {
        try {
            return (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(dir.resolve("expect.yaml")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The reference spikes of the neurons the description probes. */
    static TreeSet<Long> probed(TreeSet<Long> all, CompiledNetwork cn, String pop) {
        int[] idx = cn.probes().stream().filter(p -> p.population().equals(pop) && p.spikes()).findFirst()
                .orElseThrow().indices();
        if (idx == null) {
            return all;
        }
        java.util.Set<Integer> keep = new java.util.HashSet<>();
        for (int i : idx) {
            keep.add(i);
        }
        TreeSet<Long> out = new TreeSet<>();
        for (long s : all) {
            if (keep.contains((int) s)) {
                out.add(s);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    @SuppressWarnings("unchecked")
    void sampleMeetsItsExpectations(String name) throws Exception {
        Path dir = samples().resolve(name);
        Map<String, Object> expect = expectations(dir);
        Compiler.Compilation c = Compiler.compileFile(dir.resolve("net.yaml"), null);
        ReportData r = ReportData.of(c);
        assertThat(r.coresUsed()).as("cores").isEqualTo(((Number) expect.get("cores")).intValue());
        if (Boolean.TRUE.equals(expect.get("placement_beats_row_major"))) {
            assertThat(r.placedCost()).as("placed vs row-major hops").isLessThan(r.naiveCost());
        }
        int ticks = ((Number) expect.get("ticks")).intValue();
        CompiledNetwork cn = new YamlFrontend().compile(dir.resolve("net.yaml"), null);
        Map<String, TreeSet<Long>> chip = ChipRun.run(cn, ticks, 2);
        if (dev.myelin.chip.run.LearnedWeights.learns(cn.image())) {
            // the reference models do not learn: a learning network is checked on the chip alone
            // (and by its own test against its README's expectations)
            checkSpikes(expect, chip, chip);
            return;
        }
        Map<String, TreeSet<Long>> ref = new DescriptionReference(c).run(ticks);
        Map<String, TreeSet<Long>> probedRef = new java.util.HashMap<>();
        for (String pop : ((Map<String, Object>) expect.get("spikes")).keySet()) {
            probedRef.put(pop, probed(ref.get(pop), cn, pop));
        }
        checkSpikes(expect, chip, probedRef);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listingNames")
    @SuppressWarnings("unchecked")
    void listingSampleMeetsItsExpectations(String name) throws Exception {
        Path dir = samples().resolve(name);
        Map<String, Object> expect = expectations(dir);
        Map<String, Path> inputs = new java.util.TreeMap<>();
        ((Map<String, Object>) expect.getOrDefault("inputs", Map.of()))
                .forEach((port, file) -> inputs.put(port, dir.resolve((String) file)));
        ListingRun run = new ListingRun(dir.resolve((String) expect.get("listing")), inputs);
        assertThat(run.image().cores()).as("cores").hasSize(((Number) expect.get("cores")).intValue());
        int ticks = ((Number) expect.get("ticks")).intValue();
        checkSpikes(expect, run.onChip(ticks), run.onReference(ticks));
    }

    /** Chip against reference, then the counts ({@code spikes}) and exact ticks ({@code spike_ticks}) of each population. */
    @SuppressWarnings("unchecked")
    private static void checkSpikes(Map<String, Object> expect, Map<String, TreeSet<Long>> chip,
                                    Map<String, TreeSet<Long>> ref) {
        Map<String, Object> spikes = (Map<String, Object>) expect.get("spikes");
        for (Map.Entry<String, Object> e : spikes.entrySet()) {
            TreeSet<Long> got = chip.getOrDefault(e.getKey(), new TreeSet<>());
            assertThat(got).as("chip vs reference spikes of %s", e.getKey())
                    .isEqualTo(ref.getOrDefault(e.getKey(), new TreeSet<>()));
            if (e.getValue() instanceof List<?> range) {
                assertThat(got.size()).as("spikes of %s", e.getKey())
                        .isBetween(((Number) range.get(0)).intValue(), ((Number) range.get(1)).intValue());
            } else {
                assertThat(got.size()).as("spikes of %s", e.getKey()).isEqualTo(((Number) e.getValue()).intValue());
            }
        }
        Map<String, Object> exact = (Map<String, Object>) expect.getOrDefault("spike_ticks", Map.of());
        for (Map.Entry<String, Object> e : exact.entrySet()) {
            List<Long> ticks = chip.getOrDefault(e.getKey(), new TreeSet<>()).stream().map(s -> s >>> 32).toList();
            assertThat(ticks).as("spike ticks of %s", e.getKey())
                    .isEqualTo(((List<Number>) e.getValue()).stream().map(Number::longValue).toList());
        }
    }
}
