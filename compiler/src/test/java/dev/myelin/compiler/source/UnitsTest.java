package dev.myelin.compiler.source;

import org.junit.jupiter.api.Test;

import static dev.myelin.compiler.source.Units.Dimension.CURRENT;
import static dev.myelin.compiler.source.Units.Dimension.TIME;
import static dev.myelin.compiler.source.Units.Dimension.VOLTAGE;
import static org.assertj.core.api.Assertions.assertThat;

class UnitsTest {
    @Test
    void convertsToBaseUnits() {
        assertThat(Units.parse("20 ms", TIME).value()).isEqualTo(20.0);
        assertThat(Units.parse("2 s", TIME).value()).isEqualTo(2000.0);
        assertThat(Units.parse("500us", TIME).value()).isEqualTo(0.5);
        assertThat(Units.parse("-65 mV", VOLTAGE).value()).isEqualTo(-65.0);
        assertThat(Units.parse("1.5 nA", CURRENT).value()).isEqualTo(1.5);
        assertThat(Units.parse("250 pA", CURRENT).value()).isEqualTo(0.25);
        assertThat(Units.parse("1e-3 V", VOLTAGE).value()).isEqualTo(1.0);
    }

    @Test
    void namesWhatIsWrong() {
        assertThat(Units.parse("20", TIME).error()).isEqualTo("'20' has no unit; expected time (ms, s, us, ns)");
        assertThat(Units.parse("20 mv", VOLTAGE).error())
                .isEqualTo("unknown unit 'mv' (did you mean 'mV'?); expected voltage (mV, V, uV)");
        assertThat(Units.parse("1 nA", TIME).error()).isEqualTo("'1 nA' is a current, expected time (ms, s, us, ns)");
        assertThat(Units.parse("fast", TIME).error()).startsWith("'fast' is not a quantity");
    }
}
