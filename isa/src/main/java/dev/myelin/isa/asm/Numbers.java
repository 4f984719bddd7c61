package dev.myelin.isa.asm;

/** Number syntax of listings: decimal with optional sign, {@code 0x} hex; {@code _} may group digits. */
final class Numbers {
    private Numbers() {
    }

    static long parseLong(Line line, Token t, String what) {
        String s = t.text().replace("_", "");
        boolean neg = false;
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        int radix = 10;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            radix = 16;
            i += 2;
        }
        String digits = s.substring(i);
        if (digits.isEmpty() || digits.length() > (radix == 16 ? 15 : 18) || t.text().endsWith("_")) {
            throw badNumber(line, t, what);
        }
        for (char c : digits.toCharArray()) {
            if (Character.digit(c, radix) < 0) {
                throw badNumber(line, t, what);
            }
        }
        long v = Long.parseLong(digits, radix);
        return neg ? -v : v;
    }

    private static RuntimeException badNumber(Line line, Token t, String what) {
        return line.error(t, "bad number " + t.describe() + " for " + what);
    }

    static long checkRange(Line line, Token t, String what, long v, long min, long max) {
        if (v < min || v > max) {
            throw line.error(t, what + " = " + v + " is out of range [" + min + ", " + max + "]");
        }
        return v;
    }

    /** A real number as Java writes it ({@code 1.0}, {@code 2.5E-4}); integers are accepted too. */
    static double parseDouble(Line line, Token t, String what) {
        String s = t.text();
        if (!s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw badNumber(line, t, what);
        }
        return Double.parseDouble(s);
    }

    /** A signed integer with an explicit {@code +} when positive, as the disassembler prints offsets. */
    static String signed(int v) {
        return v > 0 ? "+" + v : Integer.toString(v);
    }
}
