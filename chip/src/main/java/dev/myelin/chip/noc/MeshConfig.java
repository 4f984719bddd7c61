package dev.myelin.chip.noc;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Targets;

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
 * <p><b>The modelled region.</b> A loaded image is modelled on the smallest rectangle of routers
 * that holds every core it uses and every core its neurons target ({@link #region}): XY routes
 * between two routers never leave the rectangle the two span, so no packet can need a router
 * outside it, and memory and time follow the image, not the declared board (a two-core image on
 * a board of millions of routers models a handful). Router {@code (x, y)} of this config is
 * router {@code (originX + x, originY + y)} of the board; chip boundaries and every printed
 * coordinate use board coordinates.
 *
 * @param width          routers along x that are modelled
 * @param height         routers along y that are modelled
 * @param chipRoutersX   routers along x on one chip (chip boundaries every this many board columns)
 * @param chipRoutersY   routers along y on one chip
 * @param originX        board column of modelled router column 0
 * @param originY        board row of modelled router row 0
 */
public record MeshConfig(int width, int height, int coresPerRouter, int chipRoutersX, int chipRoutersY,
                         int hopCyclesEW, int hopCyclesNS, int chipLinkCycles,
                         int injectionCycles, int ejectionCycles, int fifoDepth, int originX, int originY) {

    /** Largest number of FIFO slots (routers x input ports x depth) a mesh may allocate. */
    public static final long MAX_FIFO_SLOTS = 1L << 24;
    /** Longest zero-load path the model accepts, cycles (cycle counts are ints; this leaves room for queueing). */
    public static final long MAX_PATH_CYCLES = 1L << 29;

    public MeshConfig {
        requireRange("width", width, 1, 1 << 16);
        requireRange("height", height, 1, 1 << 16);
        requireRange("coresPerRouter", coresPerRouter, 1, 16);
        requireRange("chipRoutersX", chipRoutersX, 1, 1 << 16);
        requireRange("chipRoutersY", chipRoutersY, 1, 1 << 16);
        requireRange("originX", originX, 0, (1 << 16) - width);
        requireRange("originY", originY, 0, (1 << 16) - height);
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
            throw new MyelinInputException("mesh " + width + "x" + height + (originX == 0 && originY == 0 ? ""
                    : " (the routers from board (" + originX + "," + originY + ") the image spans)")
                    + " with FIFO depth " + fifoDepth
                    + " needs " + slots + " FIFO slots; at most " + MAX_FIFO_SLOTS + " are supported");
        }
    }

    /** A mesh whose modelled region starts at board router (0, 0). */
    public MeshConfig(int width, int height, int coresPerRouter, int chipRoutersX, int chipRoutersY,
                      int hopCyclesEW, int hopCyclesNS, int chipLinkCycles,
                      int injectionCycles, int ejectionCycles, int fifoDepth) {
        this(width, height, coresPerRouter, chipRoutersX, chipRoutersY, hopCyclesEW, hopCyclesNS, chipLinkCycles,
                injectionCycles, ejectionCycles, fifoDepth, 0, 0);
    }

    /** The whole mesh of a chip or board as the architecture describes it. */
    public static MeshConfig of(Architecture a) {
        return new MeshConfig(a.meshWidth(), a.meshHeight(), a.coresPerRouter(), a.routersX(), a.routersY(),
                a.hopCyclesEW(), a.hopCyclesNS(), a.chipLinkCycles(),
                a.injectionCycles(), a.ejectionCycles(), a.linkFifoDepth());
    }

    /**
     * The modelled region of an image (class comment): the bounding rectangle of the routers of
     * its cores and of every on-board core its neurons target. An image with no core models
     * router (0, 0) alone.
     */
    public static MeshConfig region(NetworkImage image) {
        Architecture a = image.arch();
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = Integer.MIN_VALUE;
        int maxY = Integer.MIN_VALUE;
        for (CoreImage ci : image.cores()) {
            CoreId id = ci.id();
            minX = Math.min(minX, id.x());
            maxX = Math.max(maxX, id.x());
            minY = Math.min(minY, id.y());
            maxY = Math.max(maxY, id.y());
            Targets t = ci.targets();
            for (int k = 0; k < t.count(); k++) {
                int x = id.x() + t.dx()[k];
                int y = id.y() + t.dy()[k];
                if (a.hasCore(x, y, 0)) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (minX > maxX) {
            minX = maxX = minY = maxY = 0;
        }
        return new MeshConfig(maxX - minX + 1, maxY - minY + 1, a.coresPerRouter(), a.routersX(), a.routersY(),
                a.hopCyclesEW(), a.hopCyclesNS(), a.chipLinkCycles(),
                a.injectionCycles(), a.ejectionCycles(), a.linkFifoDepth(), minX, minY);
    }

    /** Modelled router index of board router {@code (x, y)}, or -1 when it lies outside the region. */
    public int router(int x, int y) {
        int lx = x - originX;
        int ly = y - originY;
        return lx < 0 || ly < 0 || lx >= width || ly >= height ? -1 : ly * width + lx;
    }

    /** Modelled core index ({@code router * coresPerRouter + slot}) of a board core, or -1 outside the region. */
    public int core(CoreId id) {
        int r = router(id.x(), id.y());
        return r < 0 ? -1 : r * coresPerRouter + id.slot();
    }

    /** {@code "(x,y) east"}: link {@code router * 4 + direction} named by its board router coordinates. */
    public String linkName(int link) {
        int r = link / Mesh.DIRECTIONS;
        return "(" + (originX + r % width) + "," + (originY + r / width) + ") "
                + DIRECTION_NAMES[link % Mesh.DIRECTIONS];
    }

    private static final String[] DIRECTION_NAMES = {"east", "west", "north", "south"};

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

    // ---- XY routing: the one route of the mesh (the router model, the path walks, the closed forms) ----

    /**
     * The link XY routing takes out of modelled router {@code (x, y)} toward router
     * {@code (dstX, dstY)}: along x first ({@link Mesh#EAST} or {@link Mesh#WEST}), then along y
     * ({@link Mesh#NORTH} toward smaller y, {@link Mesh#SOUTH}), or -1 when it is there.
     */
    public static int xyDirection(int x, int y, int dstX, int dstY) {
        if (dstX > x) {
            return Mesh.EAST;
        }
        if (dstX < x) {
            return Mesh.WEST;
        }
        if (dstY < y) {
            return Mesh.NORTH;
        }
        return dstY > y ? Mesh.SOUTH : -1;
    }

    /** The router one link from modelled router {@code r} in direction {@code dir}. */
    public int neighbour(int r, int dir) {
        return switch (dir) {
            case Mesh.EAST -> r + 1;
            case Mesh.WEST -> r - 1;
            case Mesh.NORTH -> r - width;
            case Mesh.SOUTH -> r + width;
            default -> throw new IllegalArgumentException("not a direction: " + dir);
        };
    }

    /**
     * The router where the XY route from router {@code src} to router {@code dst} turns from x
     * to y: {@code dst}'s column on {@code src}'s row. The route is the straight run along the
     * row from {@code src} to it, then along the column to {@code dst}.
     */
    public int xyTurn(int src, int dst) {
        return src - src % width + dst % width;
    }

    /**
     * Writes the links of the XY route from router {@code src} to router {@code dst} into
     * {@code out} (link index {@code router * 4 + direction}) and returns how many.
     *
     * @param out at least {@code width + height} long
     */
    public int pathLinks(int src, int dst, int[] out) {
        int dx = dst % width;
        int dy = dst / width;
        int n = 0;
        for (int r = src, dir; (dir = xyDirection(r % width, r / width, dx, dy)) >= 0; r = neighbour(r, dir)) {
            out[n++] = r * Mesh.DIRECTIONS + dir;
        }
        return n;
    }

    /** Board chip column of modelled router column {@code x}. */
    public int chipColumn(int x) {
        return Math.floorDiv(x + originX, chipRoutersX);
    }

    /** Board chip row of modelled router row {@code y}. */
    public int chipRow(int y) {
        return Math.floorDiv(y + originY, chipRoutersY);
    }

    /** True when the hop from modelled router column/row {@code (x, y)} in direction {@code dir} leaves its chip. */
    public boolean crossesChip(int x, int y, int dir) {
        return switch (dir) {
            case Mesh.EAST -> chipColumn(x + 1) != chipColumn(x);
            case Mesh.WEST -> chipColumn(x - 1) != chipColumn(x);
            case Mesh.NORTH -> chipRow(y - 1) != chipRow(y);
            case Mesh.SOUTH -> chipRow(y + 1) != chipRow(y);
            default -> throw new IllegalArgumentException("not a direction: " + dir);
        };
    }

    /** Cycles from winning the output at {@code (x, y)} to being at the head of the next router's input FIFO. */
    public int hopCycles(int x, int y, int dir) {
        int base = dir == Mesh.EAST || dir == Mesh.WEST ? hopCyclesEW : hopCyclesNS;
        return crossesChip(x, y, dir) ? base + chipLinkCycles : base;
    }

    /** Zero-load latency from router {@code src} to router {@code dst} (core to core), walking the XY route. */
    public long zeroLoadCycles(int src, int dst) {
        int dx = dst % width;
        int dy = dst / width;
        long t = injectionCycles + ejectionCycles;
        for (int r = src, dir; (dir = xyDirection(r % width, r / width, dx, dy)) >= 0; r = neighbour(r, dir)) {
            t += hopCycles(r % width, r / width, dir);
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
