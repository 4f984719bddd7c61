package dev.myelin.compiler.ir;

import java.util.Arrays;

/** A growable int array (no boxing). */
public final class IntBuf {
    private int[] a;
    private int n;

    public IntBuf(int capacity) {
        a = new int[Math.max(4, capacity)];
    }

    public void add(int v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, a.length + (a.length >> 1) + 4);
        }
        a[n++] = v;
    }

    public void set(int i, int v) {
        a[i] = v;
    }

    public int size() {
        return n;
    }

    public int get(int i) {
        return a[i];
    }

    public int[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
