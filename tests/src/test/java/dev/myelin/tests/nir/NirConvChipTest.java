package dev.myelin.tests.nir;

import dev.myelin.tests.cli.Cli;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A convolutional NIR network written here with jhdf: input (2, 6, 6) -> Conv2d (3 channels, 3x3,
 * padding 1, bias) -> CubaLIF -> SumPool2d 2x2 -> Flatten -> Delay 2 ms -> Affine (4 x 27) -> IF ->
 * Output. Its chip run must agree with the double-precision reference spike for spike.
 */
class NirConvChipTest {
    @Test
    void convolutionPoolingDelayAndIfAgreeWithTheReference(@TempDir Path dir) throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        Path f = dir.resolve("conv.nir");
        try (WritableHdfFile h = HdfFile.write(f)) {
            h.putDataset("version", "1.0.0");
            WritableGroup g = h.putGroup("node");
            g.putDataset("type", "NIRGraph");
            g.putDataset("edges", new String[][] {{"pool", "flat"}, {"in", "conv"}, {"conv", "cuba"},
                    {"cuba", "pool"}, {"flat", "wait"}, {"wait", "fc"}, {"fc", "if"}, {"if", "out"}});
            WritableGroup n = g.putGroup("nodes");
            WritableGroup in = n.putGroup("in");
            in.putDataset("type", "Input");
            in.putDataset("shape", new long[] {2, 6, 6});
            WritableGroup conv = n.putGroup("conv");
            conv.putDataset("type", "Conv2d");
            double[][][][] w = new double[3][2][3][3];
            for (double[][][] a : w) {
                for (double[][] b : a) {
                    for (double[] c : b) {
                        for (int k = 0; k < 3; k++) {
                            c[k] = rnd.nextDouble(-0.3, 0.6);
                        }
                    }
                }
            }
            conv.putDataset("weight", w);
            conv.putDataset("stride", new long[] {1, 1});
            conv.putDataset("padding", new long[] {1, 1});
            conv.putDataset("dilation", new long[] {1, 1});
            conv.putDataset("groups", 1L);
            conv.putDataset("bias", new double[] {0.05, 0, -0.02});
            WritableGroup cuba = n.putGroup("cuba");
            cuba.putDataset("type", "CubaLIF");
            cuba.putDataset("tau_syn", new double[] {0.004});
            cuba.putDataset("tau_mem", new double[] {0.01});
            cuba.putDataset("r", new double[] {1});
            cuba.putDataset("v_leak", new double[] {0});
            cuba.putDataset("w_in", new double[] {1});
            cuba.putDataset("v_threshold", new double[] {0.08});
            cuba.putDataset("v_reset", new double[] {0});
            WritableGroup pool = n.putGroup("pool");
            pool.putDataset("type", "SumPool2d");
            pool.putDataset("kernel_size", new long[] {2, 2});
            pool.putDataset("stride", new long[] {2, 2});
            pool.putDataset("padding", new long[] {0, 0});
            WritableGroup flat = n.putGroup("flat");
            flat.putDataset("type", "Flatten");
            flat.putDataset("start_dim", 0L);
            flat.putDataset("end_dim", -1L);
            WritableGroup wait = n.putGroup("wait");
            wait.putDataset("type", "Delay");
            double[] delay = new double[27];
            java.util.Arrays.fill(delay, 0.002);
            wait.putDataset("delay", delay);
            WritableGroup fc = n.putGroup("fc");
            fc.putDataset("type", "Affine");
            double[][] fw = new double[4][27];
            for (double[] row : fw) {
                for (int k = 0; k < 27; k++) {
                    row[k] = rnd.nextDouble(-0.2, 0.5);
                }
            }
            fc.putDataset("weight", fw);
            fc.putDataset("bias", new double[] {0, 0, 0, 0});
            WritableGroup ifn = n.putGroup("if");
            ifn.putDataset("type", "IF");
            ifn.putDataset("r", new double[] {1, 1, 1, 1});
            ifn.putDataset("v_threshold", new double[] {1, 1, 1, 1});
            ifn.putDataset("v_reset", new double[] {0, 0, 0, 0});
            WritableGroup out = n.putGroup("out");
            out.putDataset("type", "Output");
            out.putDataset("shape", new long[] {4});
        }
        StringBuilder csv = new StringBuilder("tick,index\n");
        for (int t = 0; t < 60; t++) {
            for (int i = 0; i < 72; i++) {
                if (rnd.nextDouble() < 0.2) {
                    csv.append(t).append(',').append(i).append('\n');
                }
            }
        }
        Path input = dir.resolve("in.csv");
        Files.writeString(input, csv);
        String rep = Cli.ok("nir-check", f.toString(), "--dt", "1ms", "--input", input.toString(), "--ticks", "80");
        // both simulations must fire, or agreement would be trivial
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^if\\s+4\\s+(\\d+)\\s+(\\d+)").matcher(rep);
        assertThat(m.find()).as(rep).isTrue();
        long ref = Long.parseLong(m.group(1));
        long chip = Long.parseLong(m.group(2));
        assertThat(ref).as(rep).isPositive();
        assertThat(Math.abs(chip - ref)).as(rep).isLessThanOrEqualTo(ref / 50);
        // about 28 of the 108 CubaLIF neurons fire in a tick, each IF neuron sums them all: u must not wrap
        // (it did once, and the IF layer fired 60 times instead of 251)
        assertThat(NirExamplesTest.agreement(rep, "if")).as(rep).isGreaterThanOrEqualTo(0.95);
        // CubaLIF neurons sit near their threshold with 8-bit weights: a few spikes move by a tick
        assertThat(NirExamplesTest.agreement(rep, "cuba")).as(rep).isGreaterThanOrEqualTo(0.9);
        assertThat(NirExamplesTest.agreement(rep, "all")).as(rep).isGreaterThanOrEqualTo(0.9);
    }
}
