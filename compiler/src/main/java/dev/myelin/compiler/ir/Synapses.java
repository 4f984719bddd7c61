package dev.myelin.compiler.ir;

/**
 * One projection expanded to compressed sparse rows by pre neuron: pre {@code i} reaches
 * {@code post[k]} for {@code rowStart[i] <= k < rowStart[i+1]}. Weights (base units or raw
 * integers, sign applied) and delays (ticks) are per synapse, or one constant when the
 * array is null: no object per synapse.
 */
public record Synapses(Projection projection, int preSize, int postSize, int[] rowStart, int[] post,
                       float[] weight, float constWeight, int[] delay, int constDelay) {
    public int count() {
        return post.length;
    }

    public float weight(int k) {
        return weight == null ? constWeight : weight[k];
    }

    public int delay(int k) {
        return delay == null ? constDelay : delay[k];
    }

    public int maxDelay() {
        if (delay == null) {
            return constDelay;
        }
        int m = 0;
        for (int d : delay) {
            m = Math.max(m, d);
        }
        return m;
    }
}
