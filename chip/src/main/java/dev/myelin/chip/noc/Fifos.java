package dev.myelin.chip.noc;

/**
 * The input FIFOs of every router as flat ring buffers: FIFO {@code f} owns slots
 * {@code [f * depth, (f + 1) * depth)}; each slot holds a packed packet and the cycle at which
 * it reaches the FIFO's head position (it is in flight on the link until then, but already
 * holds its slot: that is the credit).
 *
 * <p>The head packet and its ready cycle are also kept per FIFO, so arbitration reads a
 * router's heads from adjacent words (its FIFOs are numbered consecutively) instead of one ring
 * slot per port.
 */
final class Fifos {
    private final int depth;
    private final long[] packet;
    private final int[] ready;
    private final int[] head;
    private final int[] count;
    private final long[] headPacket;
    private final int[] headReady;

    Fifos(int fifos, int depth) {
        this.depth = depth;
        this.packet = new long[fifos * depth];
        this.ready = new int[fifos * depth];
        this.head = new int[fifos];
        this.count = new int[fifos];
        this.headPacket = new long[fifos];
        this.headReady = new int[fifos];
    }

    int count(int f) {
        return count[f];
    }

    boolean hasRoom(int f) {
        return count[f] < depth;
    }

    /** The head packet. Only for a non-empty FIFO. */
    long headPacket(int f) {
        return headPacket[f];
    }

    /** Cycle from which the head packet may leave. Only for a non-empty FIFO. */
    int headReady(int f) {
        return headReady[f];
    }

    /** Removes and returns the head packet; the FIFO must not be empty. */
    long pop(int f) {
        long p = headPacket[f];
        int h = head[f] + 1 < depth ? head[f] + 1 : 0;
        head[f] = h;
        int n = count[f] - 1;
        count[f] = n;
        if (n > 0) {
            headPacket[f] = packet[f * depth + h];
            headReady[f] = ready[f * depth + h];
        }
        return p;
    }

    /** Appends a packet that may leave from {@code readyCycle}; returns the new occupancy. */
    int push(int f, long p, int readyCycle) {
        int n = count[f];
        if (n >= depth) {
            throw new IllegalStateException("FIFO " + f + " overflow: a grant ignored its credit");
        }
        if (n == 0) {
            headPacket[f] = p;
            headReady[f] = readyCycle;
        } else {
            int tail = head[f] + n < depth ? head[f] + n : head[f] + n - depth;
            packet[f * depth + tail] = p;
            ready[f * depth + tail] = readyCycle;
        }
        count[f] = n + 1;
        return n + 1;
    }
}
