package dev.myelin.tests.cli;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.SparseRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code myelin run --dump-weights / --save-binary} and {@code myelin stdp-window} on the stdp-pair sample. */
class LearningCliTest {
    @TempDir
    Path tmp;

    static Path sample() {
        return dev.myelin.tests.Samples.of("stdp-pair").resolve("net.yaml");
    }

    @Test
    void dumpsTheLearnedWeightsAndSavesABinaryThatContinuesFromThem() throws Exception {
        Path csv = tmp.resolve("w.csv");
        Path bin = tmp.resolve("learned.nbin");
        Cli.ok("run", sample().toString(), "--ticks", "7000", "-q", "--dump-weights", csv.toString(),
                "--save-binary", bin.toString());
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("pre,pre_index,post,post_index,core,axon,plastic,weight,raw_weight,tag");
        assertThat(rows).hasSize(3);
        String[] syn = rows.get(1).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        assertThat(syn[0]).isEqualTo("pre");
        assertThat(syn[2]).isEqualTo("post");
        assertThat(syn[6]).isEqualTo("1");
        // the table's last weight, 0.6124 on the [0, 1] scale = 156.77 raw, within one raw step
        assertThat(Double.parseDouble(syn[7])).isCloseTo(0.6124 * 256, within(1.0));
        int raw = Integer.parseInt(syn[8]);
        assertThat(raw).isEqualTo((int) Math.floor(Double.parseDouble(syn[7])));
        assertThat(rows.get(2)).startsWith("teacher,0,post,0,").endsWith(",0,255,255,0");

        var img = NbinCodec.read(bin);
        SparseRows s = (SparseRows) img.cores().get(0).synapses();
        assertThat(s.weight()[0]).as("the saved binary holds the learned raw weight").isEqualTo(raw);
        try (Chip chip = Chip.load(img, ChipOptions.defaults())) {
            assertThat(chip.learning(0).rawWeight(0)).isEqualTo(raw);
            assertThat(chip.learning(0).config().rules()).hasSize(1);
        }
    }

    /**
     * --device: the stdp-pair run on the ideal device (64 levels over [0, 255]: a pulse is 255 / 64
     * raw units) learns on the device, adds the conductance column, and gives the same rows on 1 and
     * 2 threads; the teacher (not plastic) keeps its digital weight. Bad presets and networks that
     * do not learn are usage errors.
     */
    @Test
    void runsLearningOnMemristiveDevices() throws Exception {
        Path one = tmp.resolve("one.csv");
        Path two = tmp.resolve("two.csv");
        Cli.ok("run", sample().toString(), "--ticks", "7000", "-q", "--device", "ideal", "--dump-weights", one.toString());
        Cli.ok("run", sample().toString(), "--ticks", "7000", "-q", "--device", "ideal", "--threads", "2",
                "--dump-weights", two.toString());
        List<String> rows = Files.readAllLines(one);
        assertThat(Files.readAllLines(two)).isEqualTo(rows);
        assertThat(rows.get(0)).isEqualTo("pre,pre_index,post,post_index,core,axon,plastic,weight,raw_weight,tag,g_ns");
        String[] syn = rows.get(1).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        double w = Double.parseDouble(syn[7]);
        double g = Double.parseDouble(syn[10]);
        // the weight is the device's conductance read back (w_min 0, w_max 255, weight_frac 8: span
        // 255 * 256 learning units): W = round((G - 100) / 4900 * 65280) / 256
        assertThat(g).isBetween(100.0, 5000.0);
        assertThat(w).isCloseTo(Math.floor((g - 100) / 4900 * 65280 + 0.5) / 256, within(1e-9));
        assertThat(w).isNotEqualTo(128.0);
        assertThat(rows.get(2)).startsWith("teacher,0,post,0,").contains(",0,255,255,0,");

        String[] bad = Cli.run("run", sample().toString(), "--ticks", "10", "-q", "--device", "nope");
        assertThat(bad[0]).isEqualTo("2");
        assertThat(bad[2]).contains("--device nope: unknown device preset (known: ag-a-si, alox-hfo2, epiram, ideal, pcmo, taox-hfox)");
        Path demo = sample().getParent().resolveSibling("demo").resolve("net.yaml");
        String[] none = Cli.run("run", demo.toString(), "--ticks", "10", "-q", "--device", "ideal");
        assertThat(none[0]).isEqualTo("2");
        assertThat(none[2]).contains("--device ideal: the network has no learning core");
    }

    /**
     * --adc-bits: the devices read as column currents. The stdp-pair sample's plastic column has one
     * plastic synapse per neuron, so a 16-bit ADC (step 255 / 65535 raw units) recovers every weight and
     * the run learns what the stored-weight run learns; 1 bit (step 255) rounds the input to 0 or 255.
     * The saved binary keeps the readout (`read=current pair=false adc_bits=16`). Out of range and no
     * device are usage errors.
     */
    @Test
    void readsTheDevicesAsColumnCurrents() throws Exception {
        Path stored = tmp.resolve("stored.csv");
        Path current = tmp.resolve("current.csv");
        Path saved = tmp.resolve("current.nbin");
        Cli.ok("run", sample().toString(), "--ticks", "3000", "-q", "--device", "ideal", "--dump-weights", stored.toString());
        Cli.ok("run", sample().toString(), "--ticks", "3000", "-q", "--device", "ideal", "--adc-bits", "16",
                "--dump-weights", current.toString(), "--save-binary", saved.toString());
        assertThat(Files.readAllLines(current)).isEqualTo(Files.readAllLines(stored));
        assertThat(dev.myelin.isa.asm.Assembler.disassemble(dev.myelin.isa.codec.NbinCodec.read(saved)))
                .contains("\n.device ideal read=current pair=false adc_bits=16\n");
        String[] range = Cli.run("run", sample().toString(), "--ticks", "10", "-q", "--device", "ideal", "--adc-bits", "17");
        assertThat(range[0]).isEqualTo("2");
        assertThat(range[2]).contains("--adc-bits 17: out of range [1, 16]");
        String[] none = Cli.run("run", sample().toString(), "--ticks", "10", "-q", "--adc-bits", "8");
        assertThat(none[0]).isEqualTo("2");
        assertThat(none[2]).contains("--adc-bits 8: no learning core has a device");
    }

    /**
     * --save-binary after a run on devices keeps the device in the learning section (preset id 1,
     * ideal) and the learned weights; a run of that binary without --device learns on the device
     * again (the conductance column is back), each device programmed exactly to its saved weight:
     * at tick 0 G = gMin + W / 255 * (gMax - gMin) (w_min 0, w_max 255).
     */
    @Test
    void aSavedBinaryKeepsItsDevice() throws Exception {
        Path saved = tmp.resolve("saved.nbin");
        Cli.ok("run", sample().toString(), "--ticks", "3000", "-q", "--device", "ideal", "--save-binary", saved.toString());
        var img = dev.myelin.isa.codec.NbinCodec.read(saved);
        var learning = img.cores().stream().filter(c -> c.learning().length > 0).findFirst().orElseThrow();
        assertThat(dev.myelin.isa.codec.LearningCodec.decode(learning.learning(), learning.axonCount()).device())
                .isSameAs(dev.myelin.isa.learn.Device.IDEAL);
        assertThat(dev.myelin.isa.asm.Assembler.disassemble(img)).contains("\n.device ideal\n");
        Path dump = tmp.resolve("again.csv");
        Path dump2 = tmp.resolve("again2.csv");
        Cli.ok("run", saved.toString(), "--ticks", "0", "-q", "--dump-weights", dump.toString());
        Cli.ok("run", saved.toString(), "--ticks", "0", "-q", "--threads", "2", "--dump-weights", dump2.toString());
        List<String> rows = Files.readAllLines(dump);
        assertThat(Files.readAllLines(dump2)).isEqualTo(rows);
        assertThat(rows.get(0)).endsWith(",g_ns");
        String[] syn = rows.get(1).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        double raw = Double.parseDouble(syn[8]);
        assertThat(Double.parseDouble(syn[10])).isCloseTo(100 + raw / 255 * 4900, within(1e-6));
    }

    @Test
    void measuresTheStdpWindow() throws Exception {
        Path csv = tmp.resolve("window.csv");
        Path png = tmp.resolve("window.png");
        Cli.ok("stdp-window", sample().toString(), "--pre", "pre", "--post", "teacher", "--dt", "-20:20:5",
                "--csv", csv.toString(), "--plot", png.toString());
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("dt,dw");
        assertThat(rows).hasSize(10);
        for (String r : rows.subList(1, rows.size())) {
            int dt = Integer.parseInt(r.split(",")[0]);
            double dw = Double.parseDouble(r.split(",")[1]);
            // A+ = 25.6, A- = 12.8 raw, tau = 20 ticks; 7-bit traces (127 = 1.0) and stochastic
            // rounding leave about one trace step (25.6 / 127 = 0.2 raw) per factor: 0.5 raw allowed
            double expected = dt > 0 ? 25.6 * Math.exp(-dt / 20.0) : dt < 0 ? -12.8 * Math.exp(dt / 20.0) : 0;
            assertThat(dw).as("dt %d", dt).isCloseTo(expected, within(0.5));
        }
        assertThat(Files.size(png)).isPositive();
    }

    @Test
    void badRangesAndPortsAreUsageErrors() {
        String[] r = Cli.run("stdp-window", sample().toString(), "--pre", "pre", "--post", "teacher", "--dt", "5:1:1");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--dt 5:1:1: needs A <= B, STEP >= 1 and at most 10000 points");
        r = Cli.run("stdp-window", sample().toString(), "--pre", "pre", "--post", "nope");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("no input port named 'nope' (ports: pre, teacher)");
        r = Cli.run("stdp-window", sample().toString(), "--pre", "teacher", "--post", "pre");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("line 0 of input port 'teacher' does not drive a plastic synapse");
    }
}
