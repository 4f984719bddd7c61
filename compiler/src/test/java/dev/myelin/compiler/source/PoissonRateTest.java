package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A negative Poisson rate is a located reading error, not an IllegalArgumentException from the stimulus. */
class PoissonRateTest {
    @Test
    void negativeRateIsALocatedError() {
        String text = "name: t\narch: loihi\ndt: 1 ms\npopulations:\n"
                + "  - {name: a, size: 2, model: if, params: {v_thresh: 1 mV}}\n"
                + "inputs:\n  - {name: p, type: poisson, size: 2, rate: -1 Hz}\n";
        Diagnostics d = new Diagnostics();
        NetworkReader.parse("t.yaml", text, Path.of("."), d);
        // line 7 "  - {name: p, type: poisson, size: 2, rate: -1 Hz}": the value starts at column 45
        assertThat(d.errors()).containsExactly("t.yaml:7:45: 'rate' = -1 Hz must be a finite rate >= 0 Hz");
    }
}
