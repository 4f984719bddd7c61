package dev.myelin.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceCurvesCommandTest {
    /**
     * The ideal preset: 64 + 64 pulses, 129 rows; linear, so pulse 32 is at half the range,
     * 100 + 2450 = 2550 nS; Ag:a-Si's first potentiation pulse is at 3.915951 nS (DeviceTest's hand value).
     */
    @Test
    void printsAndPlotsTheCurves(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("c.csv");
        Path png = dir.resolve("c.png");
        String[] r = RunCommandTest.run("device-curves", "ideal", "ag-a-si", "--seed", "3", "--csv", csv.toString(),
                "--plot", png.toString());
        assertThat(r[0]).isEqualTo("0");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("device,variation,pulse,phase,g_ns,g_norm");
        // 2 x 129 (ideal) + 2 x 198 (ag-a-si) rows
        assertThat(lines).hasSize(1 + 2 * 129 + 2 * 198);
        assertThat(lines.get(33)).startsWith("ideal,none,32,potentiation,2550.0");
        assertThat(lines.get(1 + 2 * 129 + 1)).startsWith("ag-a-si,none,1,potentiation,3.91595");
        assertThat(Files.size(png)).isGreaterThan(1000);
    }

    @Test
    void unknownPresetIsAUsageError() {
        String[] r = RunCommandTest.run("device-curves", "nope");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("unknown device preset 'nope' (known: ag-a-si, alox-hfo2, epiram, ideal, pcmo, taox-hfox)");
    }
}
