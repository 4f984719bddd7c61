package dev.myelin.isa.model;

/** Shape checks for the records' arrays (broken shapes are programming errors). */
final class Arrays2 {
    private Arrays2() {
    }

    static void requireLength(String what, int[] a, int n) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(what + ": expected " + n + " entries, got "
                    + (a == null ? "null" : a.length));
        }
    }
}
