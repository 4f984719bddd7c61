package dev.myelin.isa.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a core of an image by its place without allocating: a dense table over the rectangle
 * of routers the image's cores occupy (one int per router slot), or a hash map when that
 * rectangle is too sparse to tabulate. Loading resolves one target per neuron through it
 * (a million on a full TrueNorth chip). Immutable.
 */
public final class CoreGrid {
    /** Largest dense table, in router slots (64 MB of ints). */
    static final long MAX_CELLS = 1L << 24;

    private final int x0;
    private final int y0;
    private final int width;
    private final int height;
    private final int slots;
    private final int[] cell;
    private final Map<CoreId, Integer> sparse;

    /**
     * @param slots cores per router
     * @throws IllegalArgumentException when two cores share a place
     */
    public CoreGrid(List<CoreImage> cores, int slots) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = Integer.MIN_VALUE;
        int maxY = Integer.MIN_VALUE;
        for (CoreImage c : cores) {
            minX = Math.min(minX, c.id().x());
            minY = Math.min(minY, c.id().y());
            maxX = Math.max(maxX, c.id().x());
            maxY = Math.max(maxY, c.id().y());
        }
        this.slots = Math.max(1, slots);
        if (cores.isEmpty()) {
            minX = minY = 0;
            maxX = maxY = -1;
        }
        this.x0 = minX;
        this.y0 = minY;
        this.width = maxX - minX + 1;
        this.height = maxY - minY + 1;
        long cells = (long) width * height * this.slots;
        if (cells <= MAX_CELLS && cells <= 4L * cores.size() * this.slots + 4096) {
            cell = new int[(int) cells];
            java.util.Arrays.fill(cell, -1);
            sparse = null;
            for (int i = 0; i < cores.size(); i++) {
                CoreId id = cores.get(i).id();
                int at = at(id.x(), id.y(), id.slot());
                if (at < 0) {
                    continue; // a slot beyond the router's cores: the validator refuses it, no target can land there
                }
                if (cell[at] >= 0) {
                    throw new IllegalArgumentException("core " + id + " appears twice in the image");
                }
                cell[at] = i;
            }
        } else {
            cell = null;
            sparse = new HashMap<>();
            for (int i = 0; i < cores.size(); i++) {
                if (sparse.put(cores.get(i).id(), i) != null) {
                    throw new IllegalArgumentException("core " + cores.get(i).id() + " appears twice in the image");
                }
            }
        }
    }

    private int at(int x, int y, int slot) {
        int lx = x - x0;
        int ly = y - y0;
        if (lx < 0 || ly < 0 || lx >= width || ly >= height || slot < 0 || slot >= slots) {
            return -1;
        }
        return (ly * width + lx) * slots + slot;
    }

    /** The index in the image's core list of the core at {@code (x, y, slot)}, or -1 if none is there. */
    public int indexOf(int x, int y, int slot) {
        if (cell != null) {
            int at = at(x, y, slot);
            return at < 0 ? -1 : cell[at];
        }
        Integer i = sparse.get(new CoreId(x, y, slot));
        return i == null ? -1 : i;
    }

    /** As {@link #indexOf(int, int, int)}. */
    public int indexOf(CoreId id) {
        return indexOf(id.x(), id.y(), id.slot());
    }
}
