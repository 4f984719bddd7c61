package dev.myelin.isa.format;

/**
 * The ILIN section (format 1.1): for every input port, in INPT order, which line of the
 * description's input each port line copies and how many ticks later it is driven, so that
 * {@code --input PORT=FILE} addresses the description's indices.
 * <pre>
 * payload: count (u16, = the number of INPT ports), then count ports:
 * +---------------------------------------------------------------+
 * |                     sourceLines (u32)                         |  lines of the description's input
 * +---------------------------------------------------------------+
 * then one entry per port line of that INPT port, 6 bytes:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                        line (u32)                             |  description line, < sourceLines
 * +-------------------------------+-------------------------------+
 * |        leadTicks (u16)        |                                  delay - 1 of the projection
 * +-------------------------------+
 * </pre>
 * A 1.0 binary has no ILIN section: its port line i is description line i, without lead.
 */
public final class InputLinesDescriptor {
    public static final Field COUNT = new Layout().u16("count");
    public static final Field SOURCE_LINES = new Layout().u32("sourceLines");
    private static final Layout E = new Layout();
    public static final Field LINE = E.u32("line");
    public static final Field LEAD_TICKS = E.u16("leadTicks");
    public static final int ENTRY_SIZE = E.size();

    private InputLinesDescriptor() {
    }
}
