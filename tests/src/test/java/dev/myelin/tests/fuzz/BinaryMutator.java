package dev.myelin.tests.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Seeded byte-level mutations of a .nbin: bit flips, byte and field sets (including the bit
 * patterns of -0.0, NaN and the infinities), truncations, insertions, deletions, and section
 * swaps, drops, duplicates, renames and length changes found by walking the section frames, and
 * hostile values (-0.0, NaN, the infinities, subnormals, negations) in the reals of ARCH, NETW and UNIT.
 * One {@link Random} drives every choice, so a seed names a mutant exactly. The CRC-32 trailer
 * is recomputed for most mutants, so that the damage reaches the parser behind it.
 */
final class BinaryMutator {
    static final int KINDS = 12;
    private static final int HEADER = 12;
    private static final String[] TAGS = {"ARCH", "NETW", "CORE", "INPT", "ILIN", "OUTP", "SYMB", "UNIT", "XTRA"};
    /** Values worth writing into a field of 1, 2, 3, 4 or 8 bytes. */
    private static final long[] INTERESTING = {0, 1, 2, 3, 7, 8, 15, 16, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000,
        0xffff, 0x10000, 0x7fffff, 0x800000, 0xffffff, 0x7fffffffL, 0x80000000L, 0xffffffffL, -1L, -2L,
        0x8000000000000000L /* -0.0 */, 0x7ff8000000000000L /* NaN */, 0x7ff0000000000001L /* signalling NaN */,
        0x7ff0000000000000L /* +inf */, 0xfff0000000000000L /* -inf */, 0x0000000000000001L /* smallest subnormal */,
        0x3ff0000000000000L /* 1.0 */, 0xbff0000000000000L /* -1.0 */, 0x7fefffffffffffffL /* largest double */};

    /** One mutant and what was done to it, for failure reports. */
    record Mutant(byte[] bytes, String description, boolean crcRecomputed) {
    }

    private BinaryMutator() {
    }

    /** Applies 1-3 random mutations to a copy of {@code base}; recomputes the CRC with probability 3/4. */
    static Mutant mutate(byte[] base, Random r) {
        byte[] b = base.clone();
        StringBuilder what = new StringBuilder();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(KINDS);
            if (what.length() > 0) {
                what.append("; ");
            }
            b = once(b, kind, r, what);
        }
        boolean crc = r.nextInt(4) != 0;
        if (crc) {
            recomputeCrc(b);
            what.append("; crc recomputed");
        } else {
            what.append("; crc kept");
        }
        return new Mutant(b, what.toString(), crc);
    }

    static byte[] once(byte[] b, int kind, Random r, StringBuilder what) {
        if (b.length == 0) {
            what.append("empty");
            return b;
        }
        int at = r.nextInt(b.length);
        switch (kind) {
            case 0 -> {
                int bit = r.nextInt(8);
                b[at] ^= (byte) (1 << bit);
                what.append("flip bit ").append(bit).append(" of byte ").append(at);
                return b;
            }
            case 1 -> {
                int v = r.nextBoolean() ? r.nextInt(256) : (int) INTERESTING[r.nextInt(11)];
                b[at] = (byte) v;
                what.append("byte ").append(at).append(" = ").append(v & 0xff);
                return b;
            }
            case 2 -> {
                int[] widths = {1, 2, 3, 4, 8};
                int w = widths[r.nextInt(widths.length)];
                long v = INTERESTING[r.nextInt(INTERESTING.length)];
                if (r.nextInt(4) == 0) {
                    v = -v;
                }
                for (int k = 0; k < w && at + k < b.length; k++) {
                    b[at + k] = (byte) (v >>> (8 * k));
                }
                what.append(w).append("-byte field at ").append(at).append(" = 0x").append(Long.toHexString(v));
                return b;
            }
            case 3 -> {
                int len = r.nextInt(b.length);
                what.append("truncate to ").append(len);
                return Arrays.copyOf(b, len);
            }
            case 4 -> {
                byte[] ins = new byte[1 + r.nextInt(r.nextBoolean() ? 4 : 64)];
                r.nextBytes(ins);
                what.append("insert ").append(ins.length).append(" bytes at ").append(at);
                return splice(b, at, 0, ins);
            }
            case 5 -> {
                int len = Math.min(b.length - at, 1 + r.nextInt(r.nextBoolean() ? 4 : 64));
                what.append("delete ").append(len).append(" bytes at ").append(at);
                return splice(b, at, len, new byte[0]);
            }
            case 11 -> {
                return realOp(b, r, what);
            }
            default -> {
                return sectionOp(b, kind - 6, r, what);
            }
        }
    }

    /** Writes a hostile double over one of the reals: an ARCH REAL value, NETW's dt or a UNIT scale. */
    private static byte[] realOp(byte[] b, Random r, StringBuilder what) {
        List<Integer> reals = reals(b);
        if (reals.isEmpty()) {
            what.append("no reals to change");
            return b;
        }
        int at = reals.get(r.nextInt(reals.size()));
        long bits = 0;
        for (int k = 0; k < 8; k++) {
            bits |= (b[at + k] & 0xffL) << (8 * k);
        }
        double old = Double.longBitsToDouble(bits);
        long v = switch (r.nextInt(10)) {
            case 0 -> Double.doubleToRawLongBits(-0.0);
            case 1 -> Double.doubleToRawLongBits(Double.NaN);
            case 2 -> 0xfff8000000000001L; // a negative NaN with a payload
            case 3 -> Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
            case 4 -> Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);
            case 5 -> Double.doubleToRawLongBits(Double.MIN_VALUE);
            case 6 -> Double.doubleToRawLongBits(Double.MAX_VALUE);
            case 7 -> bits ^ Long.MIN_VALUE; // the sign flipped
            case 8 -> Double.doubleToRawLongBits(Math.nextUp(old));
            default -> 0;
        };
        for (int k = 0; k < 8; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
        what.append("real at ").append(at).append(" = 0x").append(Long.toHexString(v)).append(" (was ").append(old)
                .append(')');
        return b;
    }

    /** Offsets of the 8-byte reals: ARCH's REAL values, NETW's dt, UNIT's two scales per entry. */
    static List<Integer> reals(byte[] b) {
        List<Integer> out = new ArrayList<>();
        for (int[] s : sections(b)) {
            String tag = new String(b, s[0], 4, StandardCharsets.ISO_8859_1);
            int p = s[0] + 8;
            int end = s[1];
            switch (tag) {
                case "NETW" -> {
                    if (p + 8 <= end) {
                        out.add(p);
                    }
                }
                case "UNIT" -> {
                    for (int e = p + 4; e + 20 <= end; e += 20) {
                        out.add(e + 4);
                        out.add(e + 12);
                    }
                }
                case "ARCH" -> {
                    int q = p + 2;
                    while (q < end) {
                        q += 1 + (b[q] & 0xff); // key
                        if (q >= end) {
                            break;
                        }
                        int kind = b[q++] & 0xff;
                        if (kind == 0 || kind == 1) {
                            if (kind == 1 && q + 8 <= end) {
                                out.add(q);
                            }
                            q += 8;
                        } else if (q < end) {
                            q += 1 + (b[q] & 0xff);
                        }
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    /** Section-level mutations: swap two, drop one, duplicate one, rename one, change one's length. */
    private static byte[] sectionOp(byte[] b, int op, Random r, StringBuilder what) {
        List<int[]> s = sections(b);
        if (s.isEmpty()) {
            what.append("no sections to change");
            return b;
        }
        int i = r.nextInt(s.size());
        int[] a = s.get(i);
        switch (op) {
            case 0 -> {
                int j = r.nextBoolean() && i + 1 < s.size() ? i + 1 : r.nextInt(s.size());
                int lo = Math.min(i, j);
                int hi = Math.max(i, j);
                if (lo == hi) {
                    what.append("swap section ").append(lo).append(" with itself");
                    return b;
                }
                int[] x = s.get(lo);
                int[] y = s.get(hi);
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                o.write(b, 0, x[0]);
                o.write(b, y[0], y[1] - y[0]);
                o.write(b, x[1], y[0] - x[1]);
                o.write(b, x[0], x[1] - x[0]);
                o.write(b, y[1], b.length - y[1]);
                what.append("swap sections ").append(lo).append(" (").append(tag(b, x[0])).append(") and ")
                        .append(hi).append(" (").append(tag(b, y[0])).append(')');
                return o.toByteArray();
            }
            case 1 -> {
                what.append("drop section ").append(i).append(" (").append(tag(b, a[0])).append(')');
                return splice(b, a[0], a[1] - a[0], new byte[0]);
            }
            case 2 -> {
                int to = s.get(r.nextInt(s.size()))[r.nextInt(2)];
                what.append("copy section ").append(i).append(" (").append(tag(b, a[0])).append(") to ").append(to);
                return splice(b, to, 0, Arrays.copyOfRange(b, a[0], a[1]));
            }
            case 3 -> {
                String t = TAGS[r.nextInt(TAGS.length)];
                what.append("rename section ").append(i).append(" (").append(tag(b, a[0])).append(") to ").append(t);
                System.arraycopy(t.getBytes(StandardCharsets.US_ASCII), 0, b, a[0], 4);
                return b;
            }
            default -> {
                long len = a[1] - a[0] - 8L;
                long v = switch (r.nextInt(4)) {
                    case 0 -> len + 1 + r.nextInt(8);
                    case 1 -> Math.max(0, len - 1 - r.nextInt(8));
                    case 2 -> 0;
                    default -> INTERESTING[r.nextInt(22)];
                };
                what.append("section ").append(i).append(" (").append(tag(b, a[0])).append(") length ").append(len)
                        .append(" -> ").append(v & 0xffffffffL);
                for (int k = 0; k < 4; k++) {
                    b[a[0] + 4 + k] = (byte) (v >>> (8 * k));
                }
                return b;
            }
        }
    }

    /** [start, end) of each section frame, walking the lengths from the header until they stop making sense. */
    static List<int[]> sections(byte[] b) {
        List<int[]> out = new ArrayList<>();
        long p = HEADER;
        long end = b.length - 4L;
        while (p + 8 <= end) {
            long len = (b[(int) p + 4] & 0xffL) | (b[(int) p + 5] & 0xffL) << 8 | (b[(int) p + 6] & 0xffL) << 16
                    | (b[(int) p + 7] & 0xffL) << 24;
            if (p + 8 + len > end) {
                break;
            }
            out.add(new int[] {(int) p, (int) (p + 8 + len)});
            p += 8 + len;
        }
        return out;
    }

    private static String tag(byte[] b, int at) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            int c = b[at + k] & 0xff;
            s.append(c > ' ' && c < 127 ? (char) c : '?');
        }
        return s.toString();
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    /** Rewrites the last four bytes as the CRC-32 of those before them (files shorter than 4 bytes are left). */
    static void recomputeCrc(byte[] b) {
        if (b.length < 4) {
            return;
        }
        CRC32 c = new CRC32();
        c.update(b, 0, b.length - 4);
        long v = c.getValue();
        for (int k = 0; k < 4; k++) {
            b[b.length - 4 + k] = (byte) (v >>> (8 * k));
        }
    }
}
