package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The CSV reader behind {@link DataFiles#csv}: scans the file's bytes once, without a String
 * per line or field. A field of the plain decimal form {@code [+-]digits[.digits][e[+-]digits]}
 * whose value is exact in the fast path (at most 18 significant digits and a power of ten up
 * to 10^22, so one IEEE division rounds it correctly, as {@link Double#parseDouble} does) is
 * converted in place; any other field, and every line with a byte outside ASCII (whose columns
 * count characters, not bytes), goes through {@link Double#parseDouble} as text, so both give
 * the same doubles and the same located errors. Lines end at '\n'; a '\r' before it, blanks
 * around a field and everything from '#' are ignored; the first non-blank line is a header
 * when its first field is not a number.
 */
final class CsvParser {
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private final Path file;
    private final byte[] b;
    private final int minCols;
    private final int maxCols;
    private final Diagnostics d;
    private double[] out = new double[16];
    private int[] lineOf = new int[16];
    private int[] colOf;
    private int n;
    private int rows;
    private int cols = -1;
    private int errors;
    /** Start and end (exclusive) of each field of the current line, after trimming. */
    private int[] fs = new int[8];
    private int[] fe = new int[8];

    private CsvParser(Path file, byte[] b, int minCols, int maxCols, Diagnostics d) {
        this.file = file;
        this.b = b;
        this.minCols = minCols;
        this.maxCols = maxCols;
        this.d = d;
        this.colOf = maxCols <= DataFiles.CELL_COLUMNS_UP_TO ? new int[16] : null;
    }

    /** The table, or null after reporting (at most 5 errors). */
    static DataFiles.Table parse(Path file, byte[] bytes, int minCols, int maxCols, Diagnostics d) {
        return new CsvParser(file, bytes, minCols, maxCols, d).run();
    }

    private DataFiles.Table run() {
        int pos = 0;
        int lineNo = 0;
        while (pos < b.length && errors < 5) {
            int end = pos;
            boolean ascii = true;
            while (end < b.length && b[end] != '\n') {
                ascii &= b[end] >= 0;
                end++;
            }
            lineNo++;
            if (ascii) {
                line(pos, end, lineNo);
            } else {
                textLine(new String(b, pos, end - pos, StandardCharsets.UTF_8), lineNo);
            }
            pos = end + 1;
        }
        if (errors > 0) {
            return null;
        }
        int c = Math.max(cols, 0);
        return new DataFiles.Table(rows, c, Arrays.copyOf(out, n), new DataFiles.CsvRows(file.toString(),
                Arrays.copyOf(lineOf, rows), colOf == null ? null : Arrays.copyOf(colOf, n), c));
    }

    /** An ASCII line [from, to): fields located by byte offset, which is the column. */
    private void line(int from, int to, int lineNo) {
        int stop = from;
        while (stop < to && b[stop] != '#') {
            stop++;
        }
        int k = 0;
        int s = from;
        boolean blank = true;
        for (int i = from; i <= stop; i++) {
            if (i == stop || b[i] == ',') {
                int a = s;
                int e = i;
                while (a < e && (b[a] & 0xff) <= ' ') {
                    a++;
                }
                while (e > a && (b[e - 1] & 0xff) <= ' ') {
                    e--;
                }
                blank &= a == e;
                if (k == fs.length) {
                    fs = Arrays.copyOf(fs, k * 2);
                    fe = Arrays.copyOf(fe, k * 2);
                }
                fs[k] = a;
                fe[k++] = e;
                s = i + 1;
            }
        }
        if (blank && k == 1) {
            return;
        }
        if (rows == 0 && cols < 0 && Double.isNaN(number(fs[0], fe[0]))
                && !DataFiles.isNumber(new String(b, fs[0], fe[0] - fs[0], StandardCharsets.US_ASCII))) {
            cols = -2; // header line
            return;
        }
        if (!countOk(k, lineNo)) {
            return;
        }
        cols = k;
        for (int f = 0; f < k; f++) {
            double v = number(fs[f], fe[f]);
            int at = fs[f] - from + 1;
            if (Double.isNaN(v)) {
                String t = new String(b, fs[f], fe[f] - fs[f], StandardCharsets.US_ASCII);
                if (DataFiles.isNumber(t)) {
                    v = Double.parseDouble(t); // "NaN" itself
                } else {
                    d.error(file + ":" + lineNo + ":" + at, "'" + t + "' is not a number");
                    errors++;
                    v = 0;
                }
            }
            add(v, at);
        }
        endRow(lineNo);
    }

    /** A line with non-ASCII bytes: as text, columns counted in characters. */
    private void textLine(String line, int lineNo) {
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        int hash = line.indexOf('#');
        if (hash >= 0) {
            line = line.substring(0, hash);
        }
        if (line.isBlank()) {
            return;
        }
        String[] fields = line.split(",", -1);
        if (rows == 0 && cols < 0 && !DataFiles.isNumber(fields[0].trim())) {
            cols = -2;
            return;
        }
        if (!countOk(fields.length, lineNo)) {
            return;
        }
        cols = fields.length;
        int col = 1;
        for (String f : fields) {
            String t = f.trim();
            int at = col + f.indexOf(t);
            double v = 0;
            if (DataFiles.isNumber(t)) {
                v = Double.parseDouble(t);
            } else {
                d.error(file + ":" + lineNo + ":" + at, "'" + t + "' is not a number");
                errors++;
            }
            add(v, at);
            col += f.length() + 1;
        }
        endRow(lineNo);
    }

    private boolean countOk(int k, int lineNo) {
        if (k < minCols || k > maxCols) {
            d.error(file + ":" + lineNo + ":1", "expected " + (minCols == maxCols ? "" + minCols
                    : minCols + " to " + maxCols) + " columns, found " + k);
            errors++;
            return false;
        }
        if (cols >= 0 && k != cols) {
            d.error(file + ":" + lineNo + ":1", "expected " + cols + " columns like the rows above, found " + k);
            errors++;
            return false;
        }
        return true;
    }

    private void add(double v, int at) {
        if (n == out.length) {
            out = Arrays.copyOf(out, n * 2);
            if (colOf != null) {
                colOf = Arrays.copyOf(colOf, n * 2);
            }
        }
        if (colOf != null) {
            colOf[n] = at;
        }
        out[n++] = v;
    }

    private void endRow(int lineNo) {
        if (rows == lineOf.length) {
            lineOf = Arrays.copyOf(lineOf, rows * 2);
        }
        lineOf[rows++] = lineNo;
    }

    /**
     * The value of field [a, e), or NaN when it is not of the fast path's form (the caller then
     * parses it as text, which also decides whether it is a number at all).
     */
    private double number(int a, int e) {
        int i = a;
        boolean neg = false;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        long mant = 0;
        int digits = 0;
        int scale = 0;
        int intStart = i;
        while (i < e && b[i] >= '0' && b[i] <= '9') {
            if (mant != 0 || b[i] != '0') {
                digits++;
            }
            mant = mant * 10 + (b[i] - '0');
            i++;
            if (digits > 18) {
                return Double.NaN;
            }
        }
        int intDigits = i - intStart;
        int fracDigits = 0;
        if (i < e && b[i] == '.') {
            i++;
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                if (mant != 0 || b[i] != '0') {
                    digits++;
                }
                mant = mant * 10 + (b[i] - '0');
                scale--;
                fracDigits++;
                i++;
                if (digits > 18) {
                    return Double.NaN;
                }
            }
        }
        if (intDigits + fracDigits == 0) {
            return Double.NaN;
        }
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < e && (b[i] == '-' || b[i] == '+')) {
                eneg = b[i] == '-';
                i++;
            }
            int x = 0;
            int xs = i;
            while (i < e && b[i] >= '0' && b[i] <= '9' && i - xs < 4) {
                x = x * 10 + (b[i] - '0');
                i++;
            }
            if (i == xs) {
                return Double.NaN;
            }
            scale += eneg ? -x : x;
        }
        if (i != e || mant > (1L << 53) || scale < -22 || scale > 22) {
            return Double.NaN;
        }
        // mant and 10^|scale| are exact doubles, so one multiplication or division rounds correctly
        double v = scale >= 0 ? mant * POW10[scale] : mant / POW10[-scale];
        return neg ? -v : v;
    }
}
