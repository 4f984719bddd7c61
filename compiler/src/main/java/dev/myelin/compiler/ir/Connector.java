package dev.myelin.compiler.ir;

/** How a projection connects its pre and post neurons (expanded by {@code ExpandConnectivity}). */
public sealed interface Connector {
    record AllToAll(boolean allowSelf) implements Connector {
    }

    record OneToOne() implements Connector {
    }

    /**
     * Every ordered pair independently with probability {@code p}. With {@code block > 0},
     * only pairs in the same diagonal block (pre / block == post / block) are candidates.
     */
    record FixedProbability(double p, long seed, boolean allowSelf, int block) implements Connector {
    }

    /**
     * An explicit list; {@code weight} and {@code delay} are empty when the list gives none.
     *
     * @param rows where each row was written (its CSV line and the columns of its fields), or
     *             null when the list was not read from a file (the builder API)
     */
    record FromList(int[] pre, int[] post, double[] weight, int[] delay, Rows rows) implements Connector {
        public FromList(int[] pre, int[] post, double[] weight, int[] delay) {
            this(pre, post, weight, delay, null);
        }

        /** Where field {@code column} (0 pre, 1 post, 2 weight, 3 delay) of row {@code row} was written, else {@code fallback}. */
        public String where(int row, int column, String fallback) {
            return rows == null ? fallback : rows.where(row, column);
        }
    }

    /** Where the rows of a table read from a file were written. */
    interface Rows {
        /** {@code FILE:LINE:COL} of field {@code column} (from 0) of data row {@code row} (from 0). */
        String where(int row, int column);
    }

    /** A dense matrix, rows = pre, columns = post; a zero entry is no synapse. */
    record Matrix(int rows, int cols, double[] values) implements Connector {
    }

    /**
     * A 2-D convolution (a cross-correlation, as PyTorch and NIR compute it) of the pre shape
     * [C_in, H, W] (CHW; [H, W] is one channel) into the post shape [C_out, OH, OW] with
     * OH = (H + 2 padY - kh) / strideY + 1, OW likewise: post neuron (co, y, x) receives pre
     * neuron (ci, y strideY - padY + ky, x strideX - padX + kx) with weight
     * {@code kernel[((co * C_in + ci) * kh + ky) * kw + kx]}; a zero weight is no synapse.
     *
     * @param bias one value per output channel, or null: a constant drive every neuron of the
     *             channel receives each tick, in the unit of the post model's {@code bias}
     *             (nA for lif and cuba_lif, mV per tick for if, raw bias units for the raw models),
     *             added as constant currents are
     */
    record Conv2d(int outChannels, int inChannels, int kh, int kw, double[] kernel, int strideY, int strideX,
                  int padY, int padX, double[] bias) implements Connector {
        /** One input and one output channel, the same stride and padding on both axes, no bias. */
        public Conv2d(int kh, int kw, double[] kernel, int stride, int padding) {
            this(1, 1, kh, kw, kernel, stride, stride, padding, padding, null);
        }

        /** The output height for an input of height {@code h}. */
        public int outH(int h) {
            return Math.floorDiv(h + 2 * padY - kh, strideY) + 1;
        }

        /** The output width for an input of width {@code w}. */
        public int outW(int w) {
            return Math.floorDiv(w + 2 * padX - kw, strideX) + 1;
        }
    }

    /**
     * Sum or average pooling over kh x kw windows, channel by channel: pre [C, H, W] into post
     * [C, OH, OW] (sizes as {@link Conv2d}); every window member reaches its output with weight 1
     * (sum) or 1 / (kh kw) (average, padding counted as zeros), times the projection's weight.
     */
    record Pool2d(boolean average, int kh, int kw, int strideY, int strideX, int padY, int padX)
            implements Connector {
        public int outH(int h) {
            return Math.floorDiv(h + 2 * padY - kh, strideY) + 1;
        }

        public int outW(int w) {
            return Math.floorDiv(w + 2 * padX - kw, strideX) + 1;
        }
    }

    /**
     * Neuron i to neuron i between populations of equal size and any shapes: a [C, H, W]
     * population's neurons are numbered channel, then row, then column, so this is the CHW
     * flattening (and its inverse).
     */
    record Flatten() implements Connector {
    }
}
