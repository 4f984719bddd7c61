package dev.myelin.chip.dist;

/**
 * A member of a partitioned run left (its process died, its host or link failed) or stopped
 * answering for longer than the hang timeout. The run cannot go on exactly: the other members
 * write what they have, marked partial, and exit with code 3.
 */
public final class PartitionLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int rank;
    private final long tick;

    /**
     * @param rank    the partition that left
     * @param address its host:port
     * @param tick    the tick this member could not finish: the last of the window it waited for
     * @param how     what was seen ("left", "sent nothing for 10 s")
     */
    public PartitionLostException(int rank, String address, long tick, String how) {
        super("partition " + rank + " (" + address + ") left at tick " + tick + " (" + how + ")", null, false, false);
        this.rank = rank;
        this.tick = tick;
    }

    public int rank() {
        return rank;
    }

    public long tick() {
        return tick;
    }
}
