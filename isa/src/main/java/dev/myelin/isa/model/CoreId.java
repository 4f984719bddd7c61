package dev.myelin.isa.model;

/**
 * A core's place on the board: router coordinates (x, y) in the global mesh and its
 * slot among the router's cores.
 */
public record CoreId(int x, int y, int slot) implements Comparable<CoreId> {
    @Override
    public int compareTo(CoreId o) {
        if (y != o.y) {
            return Integer.compare(y, o.y);
        }
        if (x != o.x) {
            return Integer.compare(x, o.x);
        }
        return Integer.compare(slot, o.slot);
    }

    @Override
    public String toString() {
        return "(" + x + "," + y + "," + slot + ")";
    }
}
