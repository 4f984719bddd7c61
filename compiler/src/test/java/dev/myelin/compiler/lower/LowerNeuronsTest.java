package dev.myelin.compiler.lower;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NetworkBuilder;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.WeightSpec;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.SynapseFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LowerNeuronsTest {
    static LowerNeurons.Product lower(Network n, Architecture a, Diagnostics d) {
        return LowerNeurons.run(n, a, ExpandConnectivity.run(n), d);
    }

    @Test
    void lifOnLoihi() {
        // threshold 15 mV above reset; no drive, weight 1 mV: the LSB is 15 mV / 2^22, so vth = 2^22 / 64 = 65536;
        // dv = round(4096 * 1 / 20) = 205; delta synapses clear u every step: du = 4095
        Network n = NetworkBuilder.network("n").arch("loihi")
                .population("a", 2, new NeuronModel.Lif(20, -65, -50, -65, -65, 1, 0, 0))
                .project("a", "a", new Connector.OneToOne(), new WeightSpec.Constant(1), 1).build();
        Diagnostics d = new Diagnostics();
        var p = lower(n, Presets.require("loihi"), d).pops().get(0);
        NeuronModel.LoihiLif l = (NeuronModel.LoihiLif) p.params();
        assertThat(d.errors()).isEmpty();
        assertThat(l.dv()).isEqualTo(205);
        assertThat(l.du()).isEqualTo(4095);
        assertThat(l.vth()).isEqualTo(65536);
        assertThat(l.biasMant()).isZero();
        assertThat(p.lsbMv()).isEqualTo(15.0 / (1 << 22));
        // the binary's voltage scale: the same LSB, with v = 0 at v_reset = -65 mV
        assertThat(p.scale()).isEqualTo(new Symbol.Scale(15.0 / (1 << 22), -65));
    }

    @Test
    void rawParametersHaveNoVoltageScale() {
        Network n = NetworkBuilder.network("n")
                .population("a", 1, new NeuronModel.TrueNorth(0, 0, 5, 5, 0, 0, 0, 0)).build();
        var p = lower(n, Presets.require("truenorth"), new Diagnostics()).pops().get(0);
        assertThat(p.scale()).isNull();
    }

    @Test
    void lifDriveBecomesBias() {
        // drive per tick at reset: ((v_rest - v_reset) + r_m I) dt / tau = (0 + 10 MOhm * 1 nA) / 20 = 0.5 mV;
        // LSB 10 mV / 2^22 -> 0.5 mV = 2^22 / 20 = 209715.2 LSB -> exponent 6: mantissa round(3276.8) = 3277
        Network n = NetworkBuilder.network("n").arch("loihi")
                .population("a", 1, new NeuronModel.Lif(20, 0, 10, 0, 0, 10, 1, 0)).build();
        var l = (NeuronModel.LoihiLif) lower(n, Presets.require("loihi"), new Diagnostics()).pops().get(0).params();
        assertThat(l.biasExp()).isEqualTo(6);
        assertThat(l.biasMant()).isEqualTo(3277);
    }

    @Test
    void ifOnTrueNorth() {
        // largest weight 1 mV sets the LSB to 1/255 mV: alpha = 6 * 255 = 1530, bias -0.2 mV -> leak -51
        Network n = NetworkBuilder.network("n")
                .population("a", 2, new NeuronModel.If(6, 0, 0, -0.2))
                .project("a", "a", new Connector.OneToOne(), new WeightSpec.Constant(1), 1).build();
        var t = (NeuronModel.TrueNorth) lower(n, Presets.require("truenorth"), new Diagnostics()).pops().get(0)
                .params();
        assertThat(t.alpha()).isEqualTo(1530);
        assertThat(t.leak()).isEqualTo(-51);
        assertThat(t.kappa()).isEqualTo(1);
        assertThat(t.beta()).isEqualTo(1530);
    }

    @Test
    void loihiWeightExponentAndTruncation() {
        // examples of docs/reference/loihi.md: mixed sign, 8 bits, weights become even
        SynapseFormat mixed = new SynapseFormat(8, 0, SynapseFormat.MIXED);
        assertThat(QuantiseSynapses.loihiEffective(-127, mixed)).isEqualTo(-128);
        assertThat(QuantiseSynapses.loihiEffective(-33, mixed)).isEqualTo(-34);
        assertThat(QuantiseSynapses.loihiEffective(47, mixed)).isEqualTo(46);
        assertThat(QuantiseSynapses.loihiEffective(300, mixed)).isEqualTo(254);
        // inhibitory 7 bits: the magnitude 33 loses its low bit -> -32
        assertThat(QuantiseSynapses.loihiEffective(-33, new SynapseFormat(7, 0, SynapseFormat.INHIBITORY)))
                .isEqualTo(-32);
        assertThat(QuantiseSynapses.loihiEffective(-3, new SynapseFormat(8, 0, SynapseFormat.EXCITATORY))).isZero();
    }

    @Test
    void trueNorthNeuronsKeepAtMostFourWeights() {
        // uniform random weights onto each neuron: clustered to 4 levels per neuron (seeded loop over networks)
        for (long seed = 1; seed <= 5; seed++) {
            Network n = NetworkBuilder.network("n").population("a", 30, new NeuronModel.TrueNorth(0, 0, 100, 0, 0, 0, 0, 0))
                    .project("a", "a", new Connector.AllToAll(true), new WeightSpec.Uniform(-50, 50, seed), 1).build();
            var ex = ExpandConnectivity.run(n);
            var low = LowerNeurons.run(n, Presets.require("truenorth"), ex, new Diagnostics());
            var q = QuantiseSynapses.run(Presets.require("truenorth"), ex, low, new Diagnostics()).projections().get(0);
            java.util.Map<Integer, java.util.Set<Integer>> values = new java.util.HashMap<>();
            for (int k = 0; k < q.syn().count(); k++) {
                values.computeIfAbsent(q.syn().post()[k], x -> new java.util.HashSet<>()).add(q.weight(k));
            }
            assertThat(values).hasSize(30);
            values.values().forEach(v -> assertThat(v.size()).isBetween(1, 4));
            assertThat(q.relError()).isPositive().isLessThan(0.5);
        }
    }

    @Test
    void aOneTickFanInThatWrapsTheCurrentIsWarnedAboutAtThePopulation() {
        // 8 inputs of 1 mV into an `if` neuron with a 2 mV threshold. The largest jump sets the LSB
        // here (the threshold alone would sit at 2^22): 1 mV stores the largest jump, 255 << 13 =
        // 2,088,960 LSB, so the threshold is 2 x 2,088,960 = 4,177,920 LSB (vth 65280 << 6), and 8
        // weights in one tick add up to 16,711,680, beyond the 24-bit u's 8,388,607: u wraps and
        // the neuron never fires
        Architecture loihi = Presets.require("loihi");
        Network n = NetworkBuilder.network("n").arch("loihi")
                .population("src", 8, new NeuronModel.If(1, 0, 0, 0))
                .population("out", 1, new NeuronModel.If(2, 0, 0, 0))
                .project("src", "out", new Connector.AllToAll(false), new WeightSpec.Constant(1), 1).build();
        Diagnostics d = new Diagnostics();
        var ex = ExpandConnectivity.run(n);
        QuantiseSynapses.run(loihi, ex, LowerNeurons.run(n, loihi, ex, d), d);
        assertThat(d.errors()).isEmpty();
        assertThat(d.warnings()).singleElement().asString()
                .contains("population 'out'", "neuron 0", "16711680", "wraps", "threshold is 4177920 LSB");
        // 4 inputs fit: 4 x 2,088,960 = 8,355,840
        Network fits = NetworkBuilder.network("n").arch("loihi")
                .population("src", 4, new NeuronModel.If(1, 0, 0, 0))
                .population("out", 1, new NeuronModel.If(2, 0, 0, 0))
                .project("src", "out", new Connector.AllToAll(false), new WeightSpec.Constant(1), 1).build();
        Diagnostics d4 = new Diagnostics();
        var ex4 = ExpandConnectivity.run(fits);
        QuantiseSynapses.run(loihi, ex4, LowerNeurons.run(fits, loihi, ex4, d4), d4);
        assertThat(d4.warnings()).isEmpty();
    }

    @Test
    void rawWeightsThatCanWrapTheCurrentAreWarnedAboutAtThePopulation() {
        // raw loihi_lif weights are kept as written: 600 inputs of 255 << 6 = 16,320 LSB add up to
        // 9,792,000 in one tick, beyond the 24-bit u's 8,388,607
        Architecture loihi = Presets.require("loihi");
        Network n = NetworkBuilder.network("n").arch("loihi")
                .population("src", 600, new NeuronModel.LoihiLif(4095, 4095, 100, 0, 0, 0, 0))
                .population("out", 1, new NeuronModel.LoihiLif(4095, 4095, 100, 0, 0, 0, 0))
                .project("src", "out", new Connector.AllToAll(false), new WeightSpec.Constant(255), 1).build();
        Diagnostics d = new Diagnostics();
        var ex = ExpandConnectivity.run(n);
        QuantiseSynapses.run(loihi, ex, LowerNeurons.run(n, loihi, ex, d), d);
        assertThat(d.warnings()).singleElement().asString()
                .contains("population 'out'", "neuron 0", "9792000", "wraps");
    }
}
