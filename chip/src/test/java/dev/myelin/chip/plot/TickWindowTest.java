package dev.myelin.chip.plot;

import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TickWindowTest {
    @Test
    void parsesBothEndsIncluded() {
        TickWindow w = TickWindow.parse("5:19");
        assertThat(w).isEqualTo(new TickWindow(5, 19));
        assertThat(w.length()).isEqualTo(15);
        assertThat(w.contains(4)).isFalse();
        assertThat(w.contains(5)).isTrue();
        assertThat(w.contains(19)).isTrue();
        assertThat(w.contains(20)).isFalse();
        assertThat(TickWindow.parse("7:7").length()).isEqualTo(1);
    }

    @Test
    void badSyntaxIsAUsageErrorNamingTheOption() {
        for (String bad : new String[] {"", "5", "5:", ":5", "a:b", "-1:4", "1:-4", "1:2:3", " 1:2", "1.5:2",
                "1:1234567890123456789"}) {
            assertThatThrownBy(() -> TickWindow.parse(bad)).as(bad).isInstanceOf(MyelinInputException.class)
                    .hasMessage("--plot-ticks " + bad + ": expected A:B, the first and last tick to draw (whole numbers "
                            + "from 0, A <= B), e.g. 100:199");
        }
    }

    @Test
    void aFirstTickAfterTheLastIsAUsageError() {
        assertThatThrownBy(() -> TickWindow.parse("9:3")).isInstanceOf(MyelinInputException.class)
                .hasMessage("--plot-ticks 9:3: the first tick, 9, is after the last, 3 (expected A:B with A <= B)");
    }

    @Test
    void cutToARunAndToItsFirstTicks() {
        TickWindow w = new TickWindow(20, 40);
        assertThat(w.within(100)).isEqualTo(w);
        assertThat(w.within(30)).isEqualTo(new TickWindow(20, 29));
        assertThat(w.within(21)).isEqualTo(new TickWindow(20, 20));
        assertThat(w.within(20)).isNull();
        assertThat(w.firstTicks(5)).isEqualTo(new TickWindow(20, 24));
        assertThat(w.firstTicks(21)).isEqualTo(w);
    }

    @Test
    void whatRasterAndTracesDrawWithAndWithoutAWindow() {
        // no window: the raster has the whole run, traces its first 120 ticks
        assertThat(PlotData.rasterTicks(null, 1000)).isEqualTo(new TickWindow(0, 999));
        assertThat(PlotData.traceTicks(null, 1000)).isEqualTo(new TickWindow(0, 119));
        assertThat(PlotData.traceTicks(null, 30)).isEqualTo(new TickWindow(0, 29));
        // a window: both draw it, cut to the run; traces at most their first 10,000 ticks
        assertThat(PlotData.rasterTicks(new TickWindow(5, 19), 30)).isEqualTo(new TickWindow(5, 19));
        assertThat(PlotData.traceTicks(new TickWindow(5, 19), 30)).isEqualTo(new TickWindow(5, 19));
        assertThat(PlotData.rasterTicks(new TickWindow(20, 40), 30)).isEqualTo(new TickWindow(20, 29));
        assertThat(PlotData.traceTicks(new TickWindow(5, 50_000), 100_000)).isEqualTo(new TickWindow(5, 10_004));
        assertThat(PlotData.rasterTicks(new TickWindow(5, 50_000), 100_000)).isEqualTo(new TickWindow(5, 50_000));
        assertThat(PlotData.rasterTicks(null, 0)).isNull();
        assertThat(PlotData.traceTicks(new TickWindow(40, 50), 30)).isNull();
    }
}
