package dev.myelin.tests.learn;

import dev.myelin.chip.learn.Crossbar;
import dev.myelin.chip.learn.DeviceCurves;
import dev.myelin.chip.learn.LearningCore;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.compiler.YamlFrontend;
import dev.myelin.isa.learn.Device;
import dev.myelin.isa.learn.DeviceReadout;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.spi.CompiledNetwork;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The memristor sample: pattern learning with the ideal device and with Ag:a-Si (expect.yaml). */
class MemristorSampleTest {
    @Test
    @SuppressWarnings("unchecked")
    void theIdealDeviceLearnsThePatternAndAgASiBlursIt() throws Exception {
        var dir = StdpPairSampleTest.sample("memristor");
        Map<String, Object> expect = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(dir.resolve("expect.yaml")));
        int ticks = ((Number) expect.get("ticks")).intValue();
        List<Integer> early = (List<Integer>) expect.get("early_afferents");
        Map<String, Map<String, Object>> devices = (Map<String, Map<String, Object>>) expect.get("devices");
        CompiledNetwork cn = new YamlFrontend().compile(StdpPairSampleTest.sample("pattern-learning")
                .resolve("net.yaml"), null);
        for (var e : devices.entrySet()) {
            double[] one = run(cn, e.getKey(), ticks, 1);
            double[] two = run(cn, e.getKey(), ticks, 2);
            assertThat(two).as("%s: the same on 1 and 2 threads", e.getKey()).containsExactly(one);
            double earlyMean = 0;
            double lateMean = 0;
            double noiseMean = 0;
            for (int i = 0; i < 20; i++) {
                if (early.contains(i)) {
                    earlyMean += one[i] / early.size();
                } else {
                    lateMean += one[i] / (20 - early.size());
                }
                noiseMean += one[20 + i] / 20;
            }
            Map<String, Object> x = e.getValue();
            check(x, "early_mean", earlyMean, e.getKey());
            check(x, "late_mean", lateMean, e.getKey());
            check(x, "noise_mean", noiseMean, e.getKey());
        }
        Map<String, Object> curves = (Map<String, Object>) expect.get("curves");
        for (var c : curves.entrySet()) {
            double g1 = DeviceCurves.trace(Device.preset(c.getKey()).orElseThrow(), null)[1];
            assertThat(g1).as(c.getKey() + " after one pulse").isCloseTo(((Number) c.getValue()).doubleValue(),
                    within(1e-6));
        }
    }

    /**
     * {@code NAME-adc-B}: the device NAME read as column currents through a B-bit ADC (docs/learning.md,
     * "Column-current integration"); else the devices store the weights.
     */
    static DeviceReadout readout(String name) {
        int at = name.lastIndexOf("-adc-");
        return at < 0 ? DeviceReadout.STORAGE : new DeviceReadout(true, false, Integer.parseInt(name.substring(at + 5)));
    }

    /**
     * A preset, or {@code NAME-without-variation}: the preset with its cycle-to-cycle, device-to-device and read
     * noise set to 0; a trailing {@code -adc-B} names the readout ({@link #readout}).
     */
    static Device device(String name) {
        if (name.contains("-adc-")) {
            name = name.substring(0, name.lastIndexOf("-adc-"));
        }
        String suffix = "-without-variation";
        if (!name.endsWith(suffix)) {
            return Device.preset(name).orElseThrow();
        }
        Device d = Device.preset(name.substring(0, name.length() - suffix.length())).orElseThrow();
        return new Device(name, d.gMinNs(), d.gMaxNs(), d.levelsLtp(), d.levelsLtd(), d.nlLtp(), d.nlLtd(), 0, 0, 0,
                d.vRead(), d.tReadNs(), d.vLtp(), d.tLtpNs(), d.vLtd(), d.tLtdNs());
    }

    private static void check(Map<String, Object> x, String key, double value, String device) {
        if (x.containsKey(key + "_at_least")) {
            assertThat(value).as("%s %s", device, key).isGreaterThanOrEqualTo(((Number) x.get(key + "_at_least")).doubleValue());
        }
        if (x.containsKey(key + "_at_most")) {
            assertThat(value).as("%s %s", device, key).isLessThanOrEqualTo(((Number) x.get(key + "_at_most")).doubleValue());
        }
    }

    /** The learned weights (raw units): the 20 pattern afferents, then the 20 noise afferents. */
    private static double[] run(CompiledNetwork cn, String device, int ticks, int threads) {
        try (Chip chip = Chip.load(cn.image(), ChipOptions.defaults().withThreads(threads).withSeed(0))) {
            for (int c = 0; c < chip.layout().cores(); c++) {
                LearningCore l = chip.learning(c);
                if (l != null) {
                    l.attachDevice(device(device), readout(device), Crossbar.seedFor(0, chip.layout().core(c)));
                }
            }
            StdpPairSampleTest.inject(chip, cn, ticks);
            chip.run(ticks);
            double[] w = new double[40];
            weights(chip, cn, "pattern", w, 0);
            weights(chip, cn, "noise", w, 20);
            return w;
        }
    }

    private static void weights(Chip chip, CompiledNetwork cn, String port, double[] out, int at) {
        Port in = cn.image().inputs().stream().filter(q -> q.name().equals(port)).findFirst().orElseThrow();
        for (int line = 0; line < 20; line++) {
            PortEntry e = in.entries().get(line);
            LearningCore l = chip.learning(chip.layout().indexOf(e.core()));
            out[at + line] = l.weight(l.rowStart(e.index())) / (double) (1 << l.config().weightFrac());
        }
    }
}
