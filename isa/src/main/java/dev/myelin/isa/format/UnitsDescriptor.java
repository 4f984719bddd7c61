package dev.myelin.isa.format;

/**
 * The UNIT section (format 1.2): for populations whose membrane potential has a known
 * physical scale, what one LSB of v is in millivolts and what v = 0 is.
 * <pre>
 * payload: count (u32), then count entries, 20 bytes each:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                       symbol (u32)                            |  0  index into SYMB, increasing
 * +---------------------------------------------------------------+
 * |           mvPerLsb (IEEE-754 binary64, u64 bits) ...          |  4  mV per LSB of v, > 0
 * +---------------------------------------------------------------+
 * |           ... mvPerLsb                                        |  8
 * +---------------------------------------------------------------+
 * |           mvAtZero (IEEE-754 binary64, u64 bits) ...          | 12  mV at v = 0
 * +---------------------------------------------------------------+
 * |           ... mvAtZero                                        | 16
 * +---------------------------------------------------------------+
 * </pre>
 * The section is written only when some population has a scale; a file without it is a 1.1
 * file, and populations it does not list have no known scale.
 */
public final class UnitsDescriptor {
    public static final Field COUNT = new Layout().u32("count");
    private static final Layout E = new Layout();
    public static final Field SYMBOL = E.u32("symbol");
    public static final Field MV_PER_LSB = E.i64("mvPerLsb");
    public static final Field MV_AT_ZERO = E.i64("mvAtZero");
    public static final int ENTRY_SIZE = E.size();

    private UnitsDescriptor() {
    }
}
