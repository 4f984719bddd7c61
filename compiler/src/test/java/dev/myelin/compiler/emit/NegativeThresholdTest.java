package dev.myelin.compiler.emit;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NetworkBuilder;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.WeightSpec;
import dev.myelin.compiler.source.NetworkReader;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.TrueNorthNeurons;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The truenorth model's negative_threshold reaches exactly the cores its population is placed on. */
class NegativeThresholdTest {
    private static NeuronModel.TrueNorth neuron(NegativeThreshold rule) {
        return new NeuronModel.TrueNorth(-1, 0, 10, 5, 0, 0, 3, 0, rule);
    }

    /** The rule of every core, by the population the symbol table says it holds. */
    private static Map<String, Set<NegativeThreshold>> rulesByPopulation(NetworkImage img) {
        Map<String, Set<NegativeThreshold>> out = new HashMap<>();
        for (Symbol s : img.symbols()) {
            for (Symbol.Range r : s.ranges()) {
                CoreImage c = img.cores().stream().filter(k -> k.id().equals(r.core())).findFirst().orElseThrow();
                out.computeIfAbsent(s.population(), k -> new HashSet<>())
                        .add(((TrueNorthNeurons) c.neurons()).negativeThreshold());
            }
        }
        return out;
    }

    @Test
    void populationsWithDifferentRulesLandOnDifferentCoresEachWithItsOwnRule() {
        // 600 neurons each on 256-neuron cores: 3 cores per population, one projection between them
        Network n = NetworkBuilder.network("n")
                .population("tn", 600, neuron(NegativeThreshold.STRICT))
                .population("ranc", 600, neuron(NegativeThreshold.INCLUSIVE))
                .project("tn", "ranc", new Connector.OneToOne(), new WeightSpec.Constant(2), 1)
                .build();
        NetworkImage img = Compiler.compile(n, Presets.require("truenorth")).emitted().image();
        Map<String, Set<NegativeThreshold>> rules = rulesByPopulation(img);
        assertThat(rules).containsOnlyKeys("tn", "ranc");
        assertThat(rules.get("tn")).containsExactly(NegativeThreshold.STRICT);
        assertThat(rules.get("ranc")).containsExactly(NegativeThreshold.INCLUSIVE);
        long inclusiveCores = img.cores().stream()
                .filter(c -> ((TrueNorthNeurons) c.neurons()).negativeThreshold() == NegativeThreshold.INCLUSIVE)
                .count();
        assertThat(inclusiveCores).isEqualTo(3);
        assertThat(img.cores()).hasSize(6);
    }

    @Test
    void theReportSaysWhichPopulationUsesTheInclusiveRule() {
        Network n = NetworkBuilder.network("n").population("ranc", 4, neuron(NegativeThreshold.INCLUSIVE)).build();
        var c = Compiler.compile(n, Presets.require("truenorth"));
        assertThat(c.lowered().of("ranc").notes())
                .contains("negative threshold inclusive: V <= -beta crosses it (RANC's rule; TrueNorth's is"
                        + " V < -beta)");
        Network strict = NetworkBuilder.network("n").population("tn", 4, neuron(NegativeThreshold.STRICT)).build();
        assertThat(Compiler.compile(strict, Presets.require("truenorth")).lowered().of("tn").notes())
                .noneMatch(s -> s.contains("inclusive"));
    }

    @Test
    void theDescriptionKeyIsReadStrictByDefaultAndAnUnknownRuleIsALocatedError() {
        String yaml = String.join("\n",
                "name: t",
                "arch: truenorth",
                "dt: 1 ms",
                "populations:",
                "  - {name: a, size: 1, model: truenorth, params: {alpha: 10, beta: 5}}",
                "  - {name: b, size: 1, model: truenorth, params: {alpha: 10, beta: 5, negative_threshold: inclusive}}",
                "  - {name: c, size: 1, model: truenorth, params: {alpha: 10, beta: 5, negative_threshold: strict}}",
                "");
        Diagnostics d = new Diagnostics();
        Network n = NetworkReader.parse("t.yaml", yaml, Path.of("."), d);
        assertThat(d.errors()).isEmpty();
        assertThat(n.populations()).extracting(p -> ((NeuronModel.TrueNorth) p.model()).negativeThreshold())
                .containsExactly(NegativeThreshold.STRICT, NegativeThreshold.INCLUSIVE, NegativeThreshold.STRICT);

        String bad = yaml.replace("negative_threshold: inclusive", "negative_threshold: inclusiv");
        Diagnostics e = new Diagnostics();
        NetworkReader.parse("t.yaml", bad, Path.of("."), e);
        String line6 = bad.split("\n")[5];
        assertThat(e.errors()).containsExactly("t.yaml:6:" + (line6.indexOf("inclusiv") + 1)
                + ": 'negative_threshold' = inclusiv is not one of strict, inclusive (did you mean 'inclusive'?)");
    }

    @Test
    void continuousModelsDoNotTakeTheKey() {
        String yaml = String.join("\n",
                "name: t",
                "arch: truenorth",
                "dt: 1 ms",
                "populations:",
                "  - {name: a, size: 1, model: if, params: {v_thresh: 1 mV, negative_threshold: inclusive}}",
                "");
        Diagnostics d = new Diagnostics();
        NetworkReader.parse("t.yaml", yaml, Path.of("."), d);
        String line5 = yaml.split("\n")[4];
        assertThat(d.errors()).containsExactly("t.yaml:5:" + (line5.indexOf("negative_threshold") + 1)
                + ": unknown key 'negative_threshold' in the parameters of model if");
    }
}
