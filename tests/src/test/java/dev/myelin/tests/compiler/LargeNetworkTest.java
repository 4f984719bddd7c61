package dev.myelin.tests.compiler;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.report.JsonReport;
import dev.myelin.compiler.report.ReportData;
import dev.myelin.isa.arch.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large layered networks on the truenorth preset: 196,608 neurons in the normal build, the
 * full 1,048,576 (every core of the chip) under the bench profile ({@code -Pbench}), which
 * prints the compile time. The JSON report must parse and show both placements.
 */
class LargeNetworkTest {
    @Test
    void twoHundredThousandNeuronsCompileWithAReport() {
        // layers of 256 cores: row-major puts each in 4 rows of the 64-wide mesh, so a chain link spans 4 hops
        check(3, 65536, 768, 2);
    }

    @Test
    @EnabledIfSystemProperty(named = "myelin.bench", matches = "true")
    void oneMillionNeuronsFillTheTrueNorthChip() {
        long t0 = System.nanoTime();
        // layers of 1,024 cores = 16 rows: a chain link spans 16 hops row-major
        Compiler.Compilation c = check(4, 262144, 4096, 8);
        System.out.printf(Locale.ROOT, "1,048,576-neuron layered network compiled in %.1f s; passes (ms): %s%n",
                (System.nanoTime() - t0) / 1e9, c.passMs());
    }

    @SuppressWarnings("unchecked")
    static Compiler.Compilation check(int layers, int size, int cores, int factor) {
        Compiler.Compilation c = Compiler.compile(LayeredNetworks.blocks(layers, size), Presets.require("truenorth"));
        ReportData r = ReportData.of(c);
        // 256 neurons per core, each with one target core (its block), so no copies: size / 256 cores per layer
        assertThat(r.coresUsed()).isEqualTo(cores);
        assertThat(r.neurons()).isEqualTo((long) layers * size);
        Map<String, Object> json = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(JsonReport.json(r));
        Map<String, Object> traffic = (Map<String, Object>) json.get("traffic");
        double placed = ((Number) traffic.get("placedHops")).doubleValue();
        double rowMajor = ((Number) traffic.get("rowMajorHops")).doubleValue();
        // row-major stacks the layers in bands of rows; the placer puts each chain of blocks on neighbouring routers
        assertThat(placed).isLessThan(rowMajor / factor);
        assertThat((java.util.List<Object>) json.get("cores")).hasSize(cores);
        return c;
    }
}
