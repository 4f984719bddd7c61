package dev.myelin.chip.noc;

/**
 * The wiring of a mesh, resolved once: router coordinates, and for each link
 * {@code l = router * 4 + direction} its hop cycles, whether it crosses a chip boundary, and the
 * neighbour's input FIFO it feeds ({@code neighbour * ports + the port facing back}).
 */
final class Links {
    final int[] routerX;
    final int[] routerY;
    /** Hop cycles of the link, 0 at the mesh edge. */
    final int[] hop;
    /** The neighbour's input FIFO the link feeds, -1 at the mesh edge. */
    final int[] downstream;
    /** 1 when the link crosses a chip boundary, else 0 (added to the crossing count without a branch). */
    final int[] crossing;
    private final MeshConfig cfg;
    private final int ports;

    Links(MeshConfig cfg, int ports) {
        this.cfg = cfg;
        this.ports = ports;
        int routers = cfg.routers();
        routerX = new int[routers];
        routerY = new int[routers];
        hop = new int[routers * Mesh.DIRECTIONS];
        downstream = new int[routers * Mesh.DIRECTIONS];
        crossing = new int[routers * Mesh.DIRECTIONS];
        int width = cfg.width();
        int height = cfg.height();
        for (int r = 0; r < routers; r++) {
            int x = r % width;
            int y = r / width;
            routerX[r] = x;
            routerY[r] = y;
            wire(r, Mesh.EAST, x + 1 < width ? r + 1 : -1, Mesh.WEST);
            wire(r, Mesh.WEST, x > 0 ? r - 1 : -1, Mesh.EAST);
            wire(r, Mesh.NORTH, y > 0 ? r - width : -1, Mesh.SOUTH);
            wire(r, Mesh.SOUTH, y + 1 < height ? r + width : -1, Mesh.NORTH);
        }
    }

    private void wire(int r, int dir, int neighbour, int arrivesFrom) {
        int l = r * Mesh.DIRECTIONS + dir;
        if (neighbour < 0) {
            downstream[l] = -1;
            return;
        }
        downstream[l] = neighbour * ports + arrivesFrom;
        hop[l] = cfg.hopCycles(routerX[r], routerY[r], dir);
        crossing[l] = cfg.crossesChip(routerX[r], routerY[r], dir) ? 1 : 0;
    }

    /** "(x,y) east" for a link index, in board coordinates. */
    String name(int link) {
        return cfg.linkName(link);
    }
}
