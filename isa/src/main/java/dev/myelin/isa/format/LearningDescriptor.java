package dev.myelin.isa.format;

/**
 * A core's learning section ({@code learningBytes} of the CORE header; 0 bytes: the core does not
 * learn). A fixed 11-byte head, six traces, the rules, then the plastic-axon bitmap.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------------------------------+
 * |  epoch (u8)   |weightFrac (u8)|          wMin (i16)           |   0  1..255 ticks | 0..8 | -256..255
 * +-------------------------------+-------------------------------+
 * |          wMax (i16)           |      rewardAxon (u32) ...     |   4  wMin..255 | axon or 0xffffffff
 * +---------------+---------------+-------------------------------+
 * |  ... rewardAxon               |  rules (u8)   |                   8  0..2
 * +-------------------------------+---------------+
 * then:  trace[6]   x1 x2 y1 y2 y3 r1, each:
 *                   decay (u16) 0..4096 | impulse (u16) | width (u8) 1..16 | mode (u8) 0 add, 1 nearest
 *        rule[rules]  target (u8) 0 dw, 1 dt | terms (u8) 1..16, then per term:
 *                   mantissa (i16, not 0) | exponent (i8) -24..15 | factors (u8) 0..3, then per factor:
 *                   var (u8) 0 x0 1 y0 2 x1 3 x2 4 y1 5 y2 6 y3 7 r0 8 r1 9 w 10 t | constant (i32)
 *        plastic[ceil(axons / 8)]  bit (a % 8) of byte (a / 8) set: axon a's synapses learn;
 *                   bits beyond the core's axons are 0
 *        device      optional (present when bytes follow the bitmap): the memristive device at
 *                   every synapse of the core's plastic axons (docs/learning.md):
 *                   preset (u8) 0 custom, 1 ideal, 2 ag-a-si; when 0 the parameters follow:
 *                   gMin gMax (f64, nS) | levelsLtp levelsLtd (u16) 1..65535 |
 *                   nlLtp nlLtd (f64) -9..9 | c2c (f64) 0..1 | d2d (f64) 0..9 | readNoise (f64) 0..1 |
 *                   vRead tRead vLtp tLtp vLtd tLtd (f64, V and ns)
 *        readout     optional (present when bytes follow the device group; absent: 0 0 8):
 *                   read (u8) 0 weight storage, 1 column current | pair (u8) 0 single, 1 differential |
 *                   adcBits (u8) 1..16
 * </pre>
 * f64 is an IEEE-754 binary64 held as its u64 bits (little-endian; zero is +0.0).
 * The section's length must be exactly what these counts need.
 */
public final class LearningDescriptor {
    private static final Layout L = new Layout();
    public static final Field EPOCH = L.u8("epoch");
    public static final Field WEIGHT_FRAC = L.u8("weightFrac");
    public static final Field W_MIN = L.i16("wMin");
    public static final Field W_MAX = L.i16("wMax");
    public static final Field REWARD_AXON = L.u32("rewardAxon");
    public static final Field RULES = L.u8("rules");
    public static final int HEAD_SIZE = L.size();

    private static final Layout T = new Layout();
    public static final Field TRACE_DECAY = T.u16("decay");
    public static final Field TRACE_IMPULSE = T.u16("impulse");
    public static final Field TRACE_WIDTH = T.u8("width");
    public static final Field TRACE_MODE = T.u8("mode");
    public static final int TRACE_SIZE = T.size();
    public static final int TRACES = 6;

    private static final Layout R = new Layout();
    public static final Field RULE_TARGET = R.u8("target");
    public static final Field RULE_TERMS = R.u8("terms");
    public static final int RULE_SIZE = R.size();

    private static final Layout M = new Layout();
    public static final Field TERM_MANTISSA = M.i16("mantissa");
    public static final Field TERM_EXPONENT = M.i8("exponent");
    public static final Field TERM_FACTORS = M.u8("factors");
    public static final int TERM_SIZE = M.size();

    private static final Layout F = new Layout();
    public static final Field FACTOR_VAR = F.u8("var");
    public static final Field FACTOR_CONSTANT = F.i32("constant");
    public static final int FACTOR_SIZE = F.size();

    private static final Layout D = new Layout();
    public static final Field DEVICE_PRESET = D.u8("preset");
    public static final int DEVICE_SIZE = D.size();

    private static final Layout P = new Layout();
    public static final Field DEVICE_G_MIN = P.i64("gMin");
    public static final Field DEVICE_G_MAX = P.i64("gMax");
    public static final Field DEVICE_LEVELS_LTP = P.u16("levelsLtp");
    public static final Field DEVICE_LEVELS_LTD = P.u16("levelsLtd");
    public static final Field DEVICE_NL_LTP = P.i64("nlLtp");
    public static final Field DEVICE_NL_LTD = P.i64("nlLtd");
    public static final Field DEVICE_C2C = P.i64("c2c");
    public static final Field DEVICE_D2D = P.i64("d2d");
    public static final Field DEVICE_READ_NOISE = P.i64("readNoise");
    public static final Field DEVICE_V_READ = P.i64("vRead");
    public static final Field DEVICE_T_READ = P.i64("tRead");
    public static final Field DEVICE_V_LTP = P.i64("vLtp");
    public static final Field DEVICE_T_LTP = P.i64("tLtp");
    public static final Field DEVICE_V_LTD = P.i64("vLtd");
    public static final Field DEVICE_T_LTD = P.i64("tLtd");
    public static final int DEVICE_PARAMS_SIZE = P.size();

    private static final Layout O = new Layout();
    public static final Field READOUT_READ = O.u8("read");
    public static final Field READOUT_PAIR = O.u8("pair");
    public static final Field READOUT_ADC_BITS = O.u8("adcBits");
    public static final int READOUT_SIZE = O.size();

    /** The rewardAxon value of a core without a reward channel. */
    public static final long NO_REWARD = 0xFFFF_FFFFL;

    private LearningDescriptor() {
    }

    /** Bytes of the plastic-axon bitmap of a core with {@code axons} axons. */
    public static long plasticBytes(long axons) {
        return (axons + 7) / 8;
    }
}
