package dev.myelin.chip.noc;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.diag.MyelinInputException;

/**
 * The mesh parameters the router model needs, resolved once from an {@link Architecture}
 * (or given directly for synthetic traffic). A board of several chips is one global mesh of
 * {@code width x height} routers; a hop between two routers of different chips takes
 * {@code chipLinkCycles} more than an on-chip hop.
 *
 * <p>Zero-load latency of one packet from core to core, in cycles (see docs/architecture.md):
 * {@code injectionCycles + sum over the XY path of hop cycles (EW or NS, plus chipLinkCycles
 * where the hop crosses a chip boundary) + ejectionCycles}. {@code ejectionCycles} covers the
 * destination router's pipeline and the link into the core.
 *
 * @param chipRoutersX routers along x on one chip (chip boundaries every this many columns)
 * @param chipRoutersY routers along y on one chip
 */
public record MeshConfig(int width, int height, int coresPerRouter, int chipRoutersX, int chipRoutersY,
                         int hopCyclesEW, int hopCyclesNS, int chipLinkCycles,
                         int injectionCycles, int ejectionCycles, int fifoDepth) {

    /** Largest number of FIFO slots (routers x input ports x depth) a mesh may allocate. */
    public static final long MAX_FIFO_SLOTS = 1L << 24;
    /** Longest zero-load path the model accepts, cycles (cycle counts are ints; this leaves room for queueing). */
    public static final long MAX_PATH_CYCLES = 1L << 29;

    public MeshConfig {
        requireRange("width", width, 1, 1 << 16);
        requireRange("height", height, 1, 1 << 16);
        requireRange("coresPerRouter", coresPerRouter, 1, 16);
        requireRange("chipRoutersX", chipRoutersX, 1, width);
        requireRange("chipRoutersY", chipRoutersY, 1, height);
        requireRange("hopCyclesEW", hopCyclesEW, 1, 1_000_000);
        requireRange("hopCyclesNS", hopCyclesNS, 1, 1_000_000);
        requireRange("chipLinkCycles", chipLinkCycles, 0, 1_000_000);
        requireRange("injectionCycles", injectionCycles, 0, 1_000_000);
        requireRange("ejectionCycles", ejectionCycles, 0, 1_000_000);
        requireRange("fifoDepth", fifoDepth, 1, 1 << 16);
        long longestPath = (long) injectionCycles + ejectionCycles
                + (long) (width + height) * (Math.max(hopCyclesEW, hopCyclesNS) + chipLinkCycles);
        if (longestPath > MAX_PATH_CYCLES) {
            throw new MyelinInputException("mesh " + width + "x" + height + ": a corner-to-corner path may take "
                    + longestPath + " cycles; at most " + MAX_PATH_CYCLES + " are supported (hop and chip-link cycles)");
        }
        long routers = (long) width * height;
        if (routers * coresPerRouter > (1L << 24)) {
            throw new MyelinInputException("mesh " + width + "x" + height + " with " + coresPerRouter
                    + " cores per router has more than 16777216 cores");
        }
        long slots = routers * (Mesh.DIRECTIONS + coresPerRouter) * fifoDepth;
        if (slots > MAX_FIFO_SLOTS) {
            throw new MyelinInputException("mesh " + width + "x" + height + " with FIFO depth " + fifoDepth
                    + " needs " + slots + " FIFO slots; at most " + MAX_FIFO_SLOTS + " are supported");
        }
    }

    /** The mesh of a chip or board as the architecture describes it. */
    public static MeshConfig of(Architecture a) {
        return new MeshConfig(a.meshWidth(), a.meshHeight(), a.coresPerRouter(), a.routersX(), a.routersY(),
                a.hopCyclesEW(), a.hopCyclesNS(), a.chipLinkCycles(),
                a.injectionCycles(), a.ejectionCycles(), a.linkFifoDepth());
    }

    /** A single-chip mesh with one core per router (what synthetic traffic uses). */
    public static MeshConfig single(int width, int height, int hopCycles, int injectionCycles,
                                    int ejectionCycles, int fifoDepth) {
        return new MeshConfig(width, height, 1, width, height, hopCycles, hopCycles, 0,
                injectionCycles, ejectionCycles, fifoDepth);
    }

    public int routers() {
        return width * height;
    }

    public int cores() {
        return width * height * coresPerRouter;
    }

    /** True when the hop from router column/row {@code (x, y)} in direction {@code dir} leaves its chip. */
    public boolean crossesChip(int x, int y, int dir) {
        return switch (dir) {
            case Mesh.EAST -> (x + 1) % chipRoutersX == 0;
            case Mesh.WEST -> x % chipRoutersX == 0;
            case Mesh.NORTH -> y % chipRoutersY == 0;
            case Mesh.SOUTH -> (y + 1) % chipRoutersY == 0;
            default -> throw new IllegalArgumentException("not a direction: " + dir);
        };
    }

    /** Cycles from winning the output at {@code (x, y)} to being at the head of the next router's input FIFO. */
    public int hopCycles(int x, int y, int dir) {
        int base = dir == Mesh.EAST || dir == Mesh.WEST ? hopCyclesEW : hopCyclesNS;
        return crossesChip(x, y, dir) ? base + chipLinkCycles : base;
    }

    /** Zero-load latency from router {@code src} to router {@code dst} (core to core), walking the XY path. */
    public long zeroLoadCycles(int src, int dst) {
        int x = src % width;
        int y = src / width;
        int dx = dst % width;
        int dy = dst / width;
        long t = injectionCycles + ejectionCycles;
        while (x != dx) {
            int dir = dx > x ? Mesh.EAST : Mesh.WEST;
            t += hopCycles(x, y, dir);
            x += dir == Mesh.EAST ? 1 : -1;
        }
        while (y != dy) {
            int dir = dy > y ? Mesh.SOUTH : Mesh.NORTH;
            t += hopCycles(x, y, dir);
            y += dir == Mesh.SOUTH ? 1 : -1;
        }
        return t;
    }

    /** Links between routers {@code src} and {@code dst} under XY routing: |dx| + |dy|. */
    public int hops(int src, int dst) {
        return Math.abs(src % width - dst % width) + Math.abs(src / width - dst / width);
    }

    private static void requireRange(String field, int v, int min, int max) {
        if (v < min || v > max) {
            throw new MyelinInputException("mesh field " + field + " = " + v + " is out of range [" + min
                    + ", " + max + "]");
        }
    }
}
