import java.util.Random;

/**
 * The machine's load latency by working-set size, for docs/performance.md ("What the machine's
 * memory costs"): a chain of dependent loads over a random cyclic permutation of one 64-byte
 * line per element, so that every load waits for the one before it and no prefetcher can guess
 * the next line. Prints nanoseconds per load for each size in MB.
 *
 * <p>Run: {@code java -Xmx2g tests/scripts/MemoryLatency.java [MB...]} (default 1 2 4 8 16 24 32
 * 64 256).
 */
public final class MemoryLatency {
    private static final int INTS_PER_LINE = 16;

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1, 2, 4, 8, 16, 24, 32, 64, 256}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int mb : sizes) {
            int lines = (int) ((long) mb * 1024 * 1024 / 64);
            int[] next = new int[lines * INTS_PER_LINE];
            int[] order = new int[lines];
            for (int i = 0; i < lines; i++) {
                order[i] = i;
            }
            Random r = new Random(1);
            for (int i = lines - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int i = 0; i < lines; i++) {
                next[order[i] * INTS_PER_LINE] = order[(i + 1) % lines] * INTS_PER_LINE;
            }
            int p = 0;
            for (int i = 0; i < 2_000_000; i++) {
                p = next[p];
            }
            int steps = 20_000_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                p = next[p];
            }
            long t1 = System.nanoTime();
            // p is printed so that the chain cannot be dropped
            System.out.printf("%4d MB: %6.1f ns per dependent load (end %d)%n", mb, (t1 - t0) / (double) steps, p & 1);
        }
    }
}
