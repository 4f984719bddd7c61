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

    /** An explicit list; weight and delay per synapse are NaN / -1 when the list gives none. */
    record FromList(int[] pre, int[] post, double[] weight, int[] delay) implements Connector {
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
