package dev.myelin.tests.nir;

import dev.myelin.compiler.nir.NirModel;
import dev.myelin.compiler.nir.NirReader;
import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged NIR files (truncated, bytes changed) must load or be refused with a
 * {@link MyelinInputException}: never another exception, never a hang.
 */
class NirHostileFilesTest {
    @Test
    @Timeout(120)
    void truncatedAndMutatedFilesAreRefusedCleanly(@TempDir Path dir) throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        int refused = 0;
        int cases = 0;
        for (String name : NirExamplesTest.FILES) {
            byte[] good = Files.readAllBytes(NirExamplesTest.resource(name));
            for (int k = 0; k < 25; k++) {
                byte[] b;
                if (k < 10) {
                    b = java.util.Arrays.copyOf(good, good.length * k / 10);
                } else {
                    b = good.clone();
                    for (int m = 0; m < 1 + k % 4; m++) {
                        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                    }
                }
                Path f = dir.resolve("m" + k + "_" + name);
                Files.write(f, b);
                cases++;
                try {
                    NirModel.of(NirReader.read(f), 1.0);
                } catch (MyelinInputException e) {
                    assertThat(e.getMessage()).startsWith(f.toString());
                    refused++;
                }
            }
        }
        // every truncation below the full size is refused (10 per file, 4 files; the empty file included)
        assertThat(refused).isGreaterThanOrEqualTo(40).isLessThanOrEqualTo(cases);
    }
}
