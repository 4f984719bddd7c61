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
     * A 2-D convolution of the pre population's shape [h, w] with one kernel [kh, kw], giving the
     * post shape [(h + 2 pad - kh) / stride + 1, (w + 2 pad - kw) / stride + 1]; weights from the kernel.
     */
    record Conv2d(int kh, int kw, double[] kernel, int stride, int padding) implements Connector {
    }
}
