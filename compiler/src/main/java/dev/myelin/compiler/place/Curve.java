package dev.myelin.compiler.place;

/**
 * An order of the mesh's routers that keeps neighbours in the order near in the mesh: the
 * Hilbert curve on a square power-of-two mesh, otherwise a boustrophedon (rows alternating
 * direction). Router indices are row-major ({@code y * width + x}).
 */
final class Curve {
    private Curve() {
    }

    /** Row-major router index of the k-th router along the curve, for every k. */
    static int[] order(int width, int height) {
        int[] out = new int[width * height];
        if (width == height && Integer.bitCount(width) == 1) {
            for (int k = 0; k < out.length; k++) {
                int[] xy = hilbert(width, k);
                out[k] = xy[1] * width + xy[0];
            }
            return out;
        }
        int k = 0;
        for (int y = 0; y < height; y++) {
            for (int i = 0; i < width; i++) {
                int x = y % 2 == 0 ? i : width - 1 - i;
                out[k++] = y * width + x;
            }
        }
        return out;
    }

    /** The k-th point of the Hilbert curve filling an n x n square (n a power of two). */
    static int[] hilbert(int n, int k) {
        int x = 0;
        int y = 0;
        int t = k;
        for (int s = 1; s < n; s *= 2) {
            int rx = 1 & (t / 2);
            int ry = 1 & (t ^ rx);
            if (ry == 0) {
                if (rx == 1) {
                    x = s - 1 - x;
                    y = s - 1 - y;
                }
                int tmp = x;
                x = y;
                y = tmp;
            }
            x += s * rx;
            y += s * ry;
            t /= 4;
        }
        return new int[] {x, y};
    }
}
