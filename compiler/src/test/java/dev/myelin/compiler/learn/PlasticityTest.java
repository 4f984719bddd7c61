package dev.myelin.compiler.learn;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.source.NetworkReader;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.codec.LearningCodec;
import dev.myelin.isa.learn.LearningConfig;
import dev.myelin.isa.learn.Rule;
import dev.myelin.isa.learn.Trace;
import dev.myelin.isa.model.CoreImage;
import org.junit.jupiter.api.Test;

import dev.myelin.isa.learn.Device;
import dev.myelin.isa.learn.DeviceReadout;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A projection's plasticity reaches its post population's cores as a learning section. */
class PlasticityTest {
    private static final String NET = String.join("\n",
            "name: p",
            "arch: loihi",
            "dt: 1 ms",
            "populations:",
            "  - {name: post, size: 3, model: loihi_lif, params: {du: 4095, dv: 4095, vth: 200}}",
            "inputs:",
            "  - {name: pre, type: poisson, size: 2, rate: 10 Hz, seed: 1}",
            "  - {name: dopa, type: poisson, size: 1, rate: 1 Hz, seed: 2}",
            "projections:",
            "  - name: syn",
            "    pre: pre",
            "    post: post",
            "    connect: all_to_all",
            "    weight: 100",
            "    plasticity: PLASTICITY",
            "  - {name: reward, pre: dopa, post: post, connect: all_to_all, weight: 1}",
            "");

    private static Network parse(String plasticity, Diagnostics d) {
        return NetworkReader.parse("t.yaml", NET.replace("PLASTICITY", plasticity), Path.of("."), d);
    }

    private static LearningConfig compiled(String plasticity) {
        Diagnostics d = new Diagnostics();
        Network n = parse(plasticity, d);
        assertThat(d.errors()).isEmpty();
        CoreImage c = Compiler.compile(n, Presets.require("loihi")).emitted().image().cores().get(0);
        return LearningCodec.decode(c.learning(), c.axonCount());
    }

    @Test
    void stdpBecomesThePairRuleWithItsCoefficients() {
        LearningConfig c = compiled("{rule: stdp, a_plus: 25.6, a_minus: 12.8, tau_plus: 20 ms, tau_minus: 10 ms,"
                + " pairing: nearest, weight_frac: 8, w_max: 200}");
        // decay = round(4096 (1 - e^(-1/tau))): 200 for 20 ticks, 390 for 10
        assertThat(c.traces().get(LearningConfig.X1)).isEqualTo(new Trace(200, 127, 7, true));
        assertThat(c.traces().get(LearningConfig.Y1)).isEqualTo(new Trace(390, 127, 7, true));
        assertThat(c.wMax()).isEqualTo(200);
        assertThat(c.weightFrac()).isEqualTo(8);
        Rule dw = c.rule(Rule.Target.WEIGHT);
        // S+ = 25.6 * 2^8 / 127 = 51.603..., as a 15-bit mantissa: exponent floor(log2 S) - 14 = 5 - 14 = -9,
        // mantissa round(51.603 * 2^9) = 26421; S- = 12.8 * 2^8 / 127 = 25.80: 2^-10, round(25.80 * 1024) = 26421
        assertThat(dw.text()).isEqualTo("dw = 26421 * 2^-9 * x1 * y0 - 26421 * 2^-10 * y1 * x0");
        // the pre input's two axons learn, the reward projection's does not
        assertThat(c.plastic()).containsExactly(true, true, false);
        assertThat(c.rewardAxon()).isEqualTo(-1);
    }

    @Test
    void rewardStdpTagsAndRewardsThroughTheRewardProjection() {
        LearningConfig c = compiled("{rule: reward_stdp, a_plus: 4, a_minus: 4, tau_plus: 20 ms, tau_minus: 20 ms,"
                + " tau_tag: 256 ms, learning_rate: 0.5, reward: reward}");
        assertThat(c.rewardAxon()).isEqualTo(2);
        // tag: S = 4 / 127 = 0.0315 -> 2^-20 * 33025; decay -1/256 = -2^-8 exactly (mantissa 16384 * 2^-22)
        assertThat(c.rule(Rule.Target.TAG).text())
                .isEqualTo("dt = 16513 * 2^-19 * x1 * y0 - 16513 * 2^-19 * y1 * x0 - 16384 * 2^-22 * t");
        assertThat(c.rule(Rule.Target.WEIGHT).text()).isEqualTo("dw = 16384 * 2^-15 * r0 * t");
    }

    @Test
    void customRulesAndTracesAreReadAsWritten() {
        LearningConfig c = compiled("{rule: custom, epoch: 4, dw: \"2^-2 * x1 * y0 - 2^-3 * (y1 - 2) * x0\","
                + " traces: {x1: {tau: 20 ms, bits: 8}, y1: {decay: 100, impulse: 50, bits: 6, pairing: nearest}}}");
        assertThat(c.epoch()).isEqualTo(4);
        assertThat(c.traces().get(LearningConfig.X1)).isEqualTo(new Trace(200, 255, 8, false));
        assertThat(c.traces().get(LearningConfig.Y1)).isEqualTo(new Trace(100, 50, 6, true));
        assertThat(c.rule(Rule.Target.WEIGHT).text()).isEqualTo("dw = 2^-2 * x1 * y0 - 2^-3 * (y1 - 2) * x0");
    }

    /**
     * device: a preset by name, or a mapping from a preset with parameters replaced. The overrides
     * are exact in their units: 2 V = 2000 mV -> 2.0 V; 1 us -> 1e-3 ms -> 1000 ns (1e-3 * 1e6,
     * exact in binary64 since 1e-3 * 1e6 rounds to 1000); the rest stays ag-a-si's.
     */
    @Test
    void theDeviceIsPartOfThePlasticity() {
        String stdp = "{rule: stdp, a_plus: 1, a_minus: 1, tau_plus: 20 ms, tau_minus: 20 ms, ";
        assertThat(compiled(stdp + "device: ag-a-si}").device()).isSameAs(Device.AG_A_SI);
        assertThat(compiled(stdp + "}").device()).isNull();
        Device d = compiled(stdp + "device: {preset: ag-a-si, levels_ltp: 50, nl_ltd: 0, v_ltp: 2 V, t_ltp: 1 us}}").device();
        Device a = Device.AG_A_SI;
        assertThat(d).isEqualTo(new Device("custom", a.gMinNs(), a.gMaxNs(), 50, a.levelsLtd(), a.nlLtp(), 0,
                a.cycleToCycle(), a.deviceToDevice(), a.readNoise(), a.vRead(), a.tReadNs(), 2.0, 1000.0, a.vLtd(),
                a.tLtdNs()));
        // a mapping with nothing replaced is its preset
        assertThat(compiled(stdp + "device: {preset: ideal}}").device()).isSameAs(Device.IDEAL);

        Diagnostics e = new Diagnostics();
        String bad = stdp + "device: hafnia}";
        parse(bad, e);
        // line 15 is "    plasticity: {...device: hafnia}": the error points at the value
        String line = NET.replace("PLASTICITY", bad).split("\n")[14];
        assertThat(e.errors()).singleElement().asString().startsWith("t.yaml:15:" + (line.indexOf("hafnia") + 1) + ": ")
                .contains("'device' = hafnia is not one of ag-a-si, alox-hfo2, epiram, ideal, pcmo, taox-hfox");
        Diagnostics f = new Diagnostics();
        String range = stdp + "device: {g_min: 50, g_max: 40}}";
        parse(range, f);
        String l2 = NET.replace("PLASTICITY", range).split("\n")[14];
        assertThat(f.errors()).containsExactly("t.yaml:15:" + (l2.indexOf("{g_min") + 1)
                + ": device: g_max = 40.0 nS must be above g_min (50.0 nS)");
        Diagnostics g = new Diagnostics();
        parse(stdp + "device: {levls_ltp: 3}}", g);
        assertThat(g.errors()).singleElement().asString().contains("unknown key 'levls_ltp' in device");
    }

    /**
     * The device mapping's readout: read (weight or current), pair, adc_bits (1..16); a preset name or a
     * mapping without them stores the weights on single devices (the default, written nowhere in the binary).
     */
    @Test
    void theDeviceReadoutIsPartOfThePlasticity() {
        String stdp = "{rule: stdp, a_plus: 1, a_minus: 1, tau_plus: 20 ms, tau_minus: 20 ms, ";
        assertThat(compiled(stdp + "device: ag-a-si}").readout()).isEqualTo(DeviceReadout.STORAGE);
        LearningConfig c = compiled(stdp + "device: {preset: ideal, read: current, pair: true, adc_bits: 6}}");
        assertThat(c.device()).isSameAs(Device.IDEAL);
        assertThat(c.readout()).isEqualTo(new DeviceReadout(true, true, 6));
        assertThat(compiled(stdp + "device: {preset: ideal, read: current}}").readout())
                .isEqualTo(new DeviceReadout(true, false, 8));

        Diagnostics e = new Diagnostics();
        String bits = stdp + "device: {preset: ideal, read: current, adc_bits: 17}}";
        parse(bits, e);
        String line = NET.replace("PLASTICITY", bits).split("\n")[14];
        assertThat(e.errors()).singleElement().asString().startsWith("t.yaml:15:" + (line.indexOf("17") + 1) + ": ")
                .contains("adc_bits");
        Diagnostics f = new Diagnostics();
        String read = stdp + "device: {read: voltage}}";
        parse(read, f);
        String l2 = NET.replace("PLASTICITY", read).split("\n")[14];
        assertThat(f.errors()).singleElement().asString().startsWith("t.yaml:15:" + (l2.indexOf("voltage") + 1) + ": ")
                .contains("voltage is not one of weight, current");
    }

    @Test
    void errorsNameFileLineAndColumn() {
        Diagnostics d = new Diagnostics();
        parse("{rule: custom, dw: \"2^-2 * z1 * y0\"}", d);
        // line 15 is "    plasticity: {rule: custom, dw: "2^-2 * z1 * y0"}"; z1 is at column 42
        String line = NET.replace("PLASTICITY", "{rule: custom, dw: \"2^-2 * z1 * y0\"}").split("\n")[14];
        assertThat(d.errors()).containsExactly("t.yaml:15:" + (line.indexOf("z1") + 1)
                + ": 'dw': unknown variable 'z1' (known: x0 y0 x1 x2 y1 y2 y3 r0 r1 w t)");

        Diagnostics e = new Diagnostics();
        parse("{rule: stdp, a_plus: 1, a_minus: 1, tau_plus: 20 ms, tau_minus: 20 ms, tau_tag: 5 ms}", e);
        assertThat(e.errors()).singleElement().asString().contains("'tau_tag' is not a parameter of rule stdp");

        Diagnostics f = new Diagnostics();
        parse("{rule: stdpp}", f);
        assertThat(f.errors()).singleElement().asString().contains("(did you mean 'stdp'?)");
    }

    @Test
    void validationRefusesPlasticityTheChipCannotRun() {
        String yaml = NET.replace("PLASTICITY", "{rule: stdp, a_plus: 1, a_minus: 1, tau_plus: 20 ms, tau_minus: 20 ms,"
                + " reward: nope}");
        Diagnostics d = new Diagnostics();
        Network n = NetworkReader.parse("t.yaml", yaml, Path.of("."), d);
        assertThat(d.errors()).isEmpty();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Compiler.compile(n, Presets.require("loihi"))))
                .hasMessageContaining("reward: unknown projection 'nope'");
        Network tn = NetworkReader.parse("t.yaml", yaml.replace("arch: loihi", "arch: truenorth"), Path.of("."), d);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Compiler.compile(tn, Presets.require("truenorth"))))
                .hasMessageContaining("plasticity needs a Loihi architecture");
    }
}
