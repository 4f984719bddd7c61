package dev.myelin.isa.asm;

import java.util.Arrays;

/** A growable int array (the parser's only collection of primitives). */
final class IntList {
    private int[] a = new int[8];
    private int size;

    void add(int v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, size * 2);
        }
        a[size++] = v;
    }

    int size() {
        return size;
    }

    int get(int i) {
        return a[i];
    }

    void clear() {
        size = 0;
    }

    int[] toArray() {
        return Arrays.copyOf(a, size);
    }
}
