package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.WeightSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkReaderTest {
    static final String GOOD = String.join("\n",
            "name: t",
            "arch: loihi",
            "dt: 500 us",
            "populations:",
            "  - {name: a, shape: [4, 5], model: lif, params: {tau_m: 20 ms, v_rest: -65 mV, v_thresh: -50 mV, i_offset: 200 pA}}",
            "  - {name: b, size: 3, model: loihi_lif, params: {du: 1, dv: 2, vth: 3}}",
            "inputs:",
            "  - {name: p, type: poisson, size: 6, rate: 2 kHz, seed: 9}",
            "  - {name: c, type: current, target: a, amplitude: 1 nA}",
            "projections:",
            "  - {pre: p, post: a, connect: {type: fixed_probability, p: 0.5, seed: 4}, weight: {uniform: [1 mV, 2 mV], seed: 5}}",
            "  - {pre: a, post: b, connect: all_to_all, weight: -7, delay: 3 ms, weight_exp: -2, num_weight_bits: 6}",
            "probes:",
            "  - {population: a, record: [v], indices: [1, 2]}",
            "mapping:",
            "  neurons_per_core: {a: 7}",
            "");

    @Test
    void readsEveryPartWithUnitsInBaseUnits() {
        Diagnostics d = new Diagnostics();
        Network n = NetworkReader.parse("t.yaml", GOOD, Path.of("."), d);
        assertThat(d.errors()).isEmpty();
        assertThat(n.dtMs()).isEqualTo(0.5);
        assertThat(n.populations().get(0).size()).isEqualTo(20);
        NeuronModel.Lif lif = (NeuronModel.Lif) n.populations().get(0).model();
        assertThat(lif.biasNa()).isEqualTo(0.2);
        assertThat(lif.vResetMv()).isEqualTo(-65.0);
        assertThat(((InputSource.Poisson) n.inputs().get(0)).rateHz()).isEqualTo(2000.0);
        assertThat(((InputSource.Current) n.inputs().get(1)).amplitude()).isEqualTo(1.0);
        assertThat(n.projections().get(0).connector()).isEqualTo(new Connector.FixedProbability(0.5, 4, true, 0));
        assertThat(n.projections().get(0).weight()).isEqualTo(new WeightSpec.Uniform(1, 2, 5));
        // 3 ms at dt 0.5 ms is 6 ticks
        assertThat(n.projections().get(1).delayTicks()).isEqualTo(6);
        assertThat(n.projections().get(1).weightExp()).isEqualTo(-2);
        assertThat(n.probes().get(0).v()).isTrue();
        assertThat(n.probes().get(0).spikes()).isFalse();
        assertThat(n.hints().neuronsPerCore()).containsEntry("a", 7);
    }

    @Test
    void reportsSeveralErrorsWithLocations() {
        String bad = GOOD.replace("tau_m: 20 ms", "tau_m: 20 mV").replace("rate: 2 kHz", "rat: 2 kHz");
        Diagnostics d = new Diagnostics();
        NetworkReader.parse("t.yaml", bad, Path.of("."), d);
        // line 5: "  - {name: a, ... params: {tau_m: 20 mV" -> the value starts after "tau_m: "
        String line5 = bad.split("\n")[4];
        int col = line5.indexOf("20 mV") + 1;
        String line8 = bad.split("\n")[7];
        assertThat(d.errors()).containsExactly(
                "t.yaml:5:" + col + ": 'tau_m': '20 mV' is a voltage, expected time (ms, s, us, ns)",
                "t.yaml:8:" + (line8.indexOf("rat:") + 1) + ": unknown key 'rat' in an input (did you mean 'rate'?)",
                "t.yaml:8:5: missing key 'rate'");
    }

    @Test
    void aTopLevelKeyGivenTwiceIsALocatedError() {
        // a second "dt:" appended as line 17 (GOOD is 16 lines, each ending in a newline)
        String twice = GOOD + "dt: 1 ms\n";
        Diagnostics d = new Diagnostics();
        NetworkReader.parse("t.yaml", twice, Path.of("."), d);
        assertThat(d.errors()).containsExactly("t.yaml:17:1: key 'dt' is given twice in one mapping (first at t.yaml:3:1)");
    }
}
