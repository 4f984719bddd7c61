package dev.myelin.tests.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classifier samples classify as their README says: for every sample whose
 * {@code expect.yaml} has a {@code classify} block, {@code myelin run NET.yaml --arch A} runs
 * through the command line on each architecture the block names, over {@code digits} windows of
 * {@code window} ticks, and the digits it gets right are counted as the sample's score.py
 * counts them: in each window the neuron of {@code population} with the most spikes is the
 * answer, a tie or a silent window is wrong. The count per architecture must be the one the
 * block gives (measured, and written in the README next to the floating-point accuracy), and
 * so must the energy per inference the run prints with {@code --sample-ticks WINDOW}
 * ({@code per_inference}, as printed).
 */
class ClassifierSamplesTest {
    private static final int MAX_CLASSES = 1024;

    @TempDir
    Path tmp;

    static Path samples() {
        return dev.myelin.tests.Samples.dir();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> expect(Path dir) {
        try {
            return (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(dir.resolve("expect.yaml")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<String> classifiers() throws IOException {
        try (Stream<Path> s = Files.list(samples())) {
            return s.filter(d -> Files.exists(d.resolve("expect.yaml")) && expect(d).containsKey("classify"))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    @SuppressWarnings("unchecked")
    void classifiesTheHeldOutDigitsAsItsReadmeSays(String name) throws IOException {
        Path dir = samples().resolve(name);
        Map<String, Object> c = (Map<String, Object>) expect(dir).get("classify");
        String pop = (String) c.get("population");
        int window = ((Number) c.get("window")).intValue();
        int digits = ((Number) c.get("digits")).intValue();
        List<String> rows = Files.readAllLines(dir.resolve((String) c.get("labels")));
        int[] labels = rows.stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[1].strip())).toArray();
        assertThat(labels).as("labels").hasSize(digits);

        Map<String, Integer> expected = new TreeMap<>();
        ((Map<String, Object>) c.get("correct")).forEach((arch, n) -> expected.put(arch, ((Number) n).intValue()));
        Map<String, String> expectedEnergy = new TreeMap<>((Map<String, String>) c.get("per_inference"));
        Map<String, Integer> measured = new TreeMap<>();
        Map<String, String> measuredEnergy = new TreeMap<>();
        for (String arch : expected.keySet()) {
            Path spikes = tmp.resolve(arch + "-spikes.csv");
            String out = Cli.ok("run", dir.resolve("net.yaml").toString(), "--arch", arch, "--ticks",
                    String.valueOf(digits * window), "--sample-ticks", String.valueOf(window), "-q", "--spikes",
                    spikes.toString());
            measured.put(arch, correct(Files.readAllLines(spikes), pop, window, labels));
            measuredEnergy.put(arch, out.lines().map(String::strip).filter(l -> l.startsWith("per inference "))
                    .map(l -> l.substring("per inference ".length(), l.indexOf(" over "))).findFirst().orElse("none"));
        }
        assertThat(measured).as("digits classified right (of %d) per architecture", digits).isEqualTo(expected);
        assertThat(measuredEnergy).as("energy per inference per architecture").isEqualTo(expectedEnergy);
    }

    /** Windows whose most-spiking neuron of {@code pop}, alone at the top, is the label. */
    private static int correct(List<String> spikes, String pop, int window, int[] labels) {
        Map<Integer, int[]> counts = new TreeMap<>();
        for (String line : spikes.subList(1, spikes.size())) {
            String[] f = line.split(",");
            if (f.length == 3 && f[1].equals(pop)) {
                int w = Integer.parseInt(f[0]) / window;
                counts.computeIfAbsent(w, k -> new int[MAX_CLASSES])[Integer.parseInt(f[2])]++;
            }
        }
        int right = 0;
        for (int w = 0; w < labels.length; w++) {
            int[] n = counts.getOrDefault(w, new int[MAX_CLASSES]);
            int best = 0;
            int ties = 0;
            int arg = -1;
            for (int i = 0; i < n.length; i++) {
                if (n[i] > best) {
                    best = n[i];
                    arg = i;
                    ties = 1;
                } else if (n[i] == best && best > 0) {
                    ties++;
                }
            }
            if (best > 0 && ties == 1 && arg == labels[w]) {
                right++;
            }
        }
        return right;
    }
}
