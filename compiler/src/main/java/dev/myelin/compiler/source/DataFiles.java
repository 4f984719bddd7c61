package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.TextFiles;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numeric data files a description refers to: CSV tables (optional header line, '#' comments)
 * and NumPy {@code .npy} 1-D or 2-D arrays. Sizes are checked before anything is allocated.
 * A CSV problem is located at the CSV's own line:col; a .npy (binary, without lines) and a file
 * that cannot be read at all are located at the description's key that names them, the message
 * naming the file (and, for a .npy, the header field).
 */
public final class DataFiles {
    /** Largest data file read. */
    public static final long MAX_BYTES = 512L << 20;

    private DataFiles() {
    }

    /**
     * A table of numbers: {@code rows x cols}, row-major.
     *
     * @param origin where each row was written (a CSV's lines), or null (a .npy, an inline kernel)
     * @param dims   the array's shape: {rows, cols}, or a .npy array's own shape of 3 or 4
     *               dimensions (rows is then the product of all but the last)
     */
    public record Table(int rows, int cols, double[] values, Connector.Rows origin, int[] dims) {
        public Table(int rows, int cols, double[] values, Connector.Rows origin) {
            this(rows, cols, values, origin, new int[] {rows, cols});
        }

        public Table(int rows, int cols, double[] values) {
            this(rows, cols, values, null);
        }

        public double get(int r, int c) {
            return values[r * cols + c];
        }

        /** Where cell (r, c) was written, else {@code fallback}. */
        public String where(int r, int c, String fallback) {
            return origin == null ? fallback : origin.where(r, c);
        }
    }

    /** Narrow tables (spike arrays, lists) keep each field's column; wider ones (matrices) each row's line only. */
    static final int CELL_COLUMNS_UP_TO = 4;

    /**
     * The lines of a CSV's data rows, and the column of each field (null: column 1).
     */
    record CsvRows(String file, int[] lines, int[] columns, int cols) implements Connector.Rows {
        @Override
        public String where(int row, int column) {
            return file + ":" + lines[row] + ":" + (columns == null ? 1 : columns[row * cols + column]);
        }
    }

    /**
     * The file a description names, relative to {@code dir}; null after reporting at {@code where}
     * a name that cannot be a file name (a NUL character, say). The readers take that null as
     * "already reported".
     */
    public static Path resolve(Path dir, String name, String where, Diagnostics d) {
        try {
            Path file = TextFiles.resolve(dir, name, where);
            d.read(file);
            return file;
        } catch (MyelinInputException e) {
            d.error(where, TextFiles.badFileName(name, e.getCause()));
            return null;
        }
    }

    /**
     * The file's bytes, or null after reporting at {@code where} why it cannot be read
     * ({@link TextFiles#readBytes}); null at once for a null file (see {@link #resolve}).
     */
    static byte[] readBytes(Path file, String where, Diagnostics d) {
        if (file == null) {
            return null;
        }
        if (!Files.exists(file)) {
            d.error(where, "data file " + file + " does not exist");
            return null;
        }
        try {
            byte[] b = TextFiles.readBytes(file, MAX_BYTES, "data file");
            return file.getFileName().toString().endsWith(".gz") ? gunzip(file, b, where, d) : b;
        } catch (MyelinInputException e) {
            d.error(where, e.getMessage());
            return null;
        }
    }

    /**
     * The bytes a gzip file holds, at most {@link #MAX_BYTES} (read in bounded steps, so a small
     * file that expands without end is refused rather than exhausting memory); null after reporting.
     */
    static byte[] gunzip(Path file, byte[] gz, String where, Diagnostics d) {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz), 1 << 16)) {
            var out = new java.io.ByteArrayOutputStream(Math.max(32, Math.min(gz.length * 4, 1 << 26)));
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int r; (r = in.read(buf)) > 0; ) {
                total += r;
                if (total > MAX_BYTES) {
                    d.error(where, "data file " + file + " decompresses to more than " + (MAX_BYTES >> 20) + " MiB");
                    return null;
                }
                out.write(buf, 0, r);
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            d.error(where, "data file " + file + " is not a readable gzip file (" + e.getMessage() + ")");
            return null;
        }
    }

    /** True for the names read as NumPy arrays ({@code .npy}, {@code .npy.gz}); the others are CSV. */
    public static boolean isNpy(String name) {
        return name.endsWith(".npy") || name.endsWith(".npy.gz");
    }

    /**
     * A table from the data file {@code name} (relative to {@code dir}): a .npy array, or a CSV
     * table of {@code minCols..maxCols} columns; either may be gzip-compressed ({@code .gz}).
     * Null after reporting, at {@code where} or at the CSV's own line and column.
     */
    public static Table table(Path dir, String name, String where, int minCols, int maxCols, Diagnostics d) {
        Path file = resolve(dir, name, where, d);
        return isNpy(name) ? npy(file, where, d) : csv(file, where, minCols, maxCols, d);
    }

    /**
     * Reads a CSV table with {@code minCols..maxCols} columns per row. The table's origin gives
     * each row's line, and each field's column when a row has at most {@link #CELL_COLUMNS_UP_TO}.
     *
     * @param where the location of the reference, for a missing file
     */
    public static Table csv(Path file, String where, int minCols, int maxCols, Diagnostics d) {
        byte[] bytes = readBytes(file, where, d);
        return bytes == null ? null : CsvParser.parse(file, bytes, minCols, maxCols, d);
    }

    static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        try {
            Double.parseDouble(s);
            return !s.endsWith("d") && !s.endsWith("f") && !s.endsWith("D") && !s.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d*)\\s*,?\\s*(\\d*)\\s*,?\\s*\\)");
    /** A shape of 3 or 4 dimensions (convolution kernels: out, in, kh, kw). */
    private static final Pattern SHAPE_ND = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d+(?:\\s*,\\s*\\d+){2,3})\\s*,?\\s*\\)");

    /**
     * Reads a 1-D (as one row) or 2-D .npy array of floats or integers, little-endian or single-byte.
     *
     * @param where the location of the key that names the file: every problem is reported there
     */
    public static Table npy(Path file, String where, Diagnostics d) {
        byte[] b = readBytes(file, where, d);
        if (b == null) {
            return null;
        }
        if (b.length < 10 || b[0] != (byte) 0x93 || !new String(b, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            d.error(where, file + ": not a .npy file (magic \\x93NUMPY missing)");
            return null;
        }
        int major = b[6];
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
            start = 10;
        } else if (b.length >= 12) {
            headerLen = ByteBuffer.wrap(b, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            start = 12;
        } else {
            d.error(where, file + ": .npy version " + major + " needs a 12-byte preamble, the file has " + b.length
                    + " bytes");
            return null;
        }
        if (headerLen < 0 || start + (long) headerLen > b.length) {
            d.error(where, file + ": .npy header length " + headerLen + " exceeds the file");
            return null;
        }
        String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher m = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        Matcher nd = SHAPE_ND.matcher(header);
        if (m.find() && f.find() && nd.find()) {
            return npyNd(file, where, d, b, start + headerLen, m, f.group(1).equals("True"), nd.group(1));
        }
        m.reset();
        f.reset();
        if (!m.find() || !f.find() || !s.find()) {
            d.error(where, file + ": .npy header is not understood: " + TextFiles.printable(header.trim()));
            return null;
        }
        if (m.group(1).equals(">") || f.group(1).equals("True")) {
            d.error(where, file + ": .npy field descr/fortran_order: only little-endian C-order arrays are supported");
            return null;
        }
        long rows = s.group(1).isEmpty() ? 1 : dimension(s.group(1));
        long cols = s.group(2).isEmpty() ? rows : dimension(s.group(2));
        if (s.group(2).isEmpty()) {
            rows = 1;
        }
        if (rows < 0 || cols < 0) {
            d.error(where, file + ": .npy field shape: (" + s.group(1) + ", " + s.group(2) + ") exceeds "
                    + Integer.MAX_VALUE + " per dimension");
            return null;
        }
        char kind = m.group(2).charAt(0);
        int width = m.group(3).length() > 1 ? 0 : Integer.parseInt(m.group(3));
        if (!(kind == 'f' && (width == 4 || width == 8))
                && !((kind == 'i' || kind == 'u') && (width == 1 || width == 2 || width == 4 || width == 8))) {
            d.error(where, file + ": .npy field descr: dtype " + m.group(2) + m.group(3)
                    + " is not supported (f4, f8, i1, i2, i4, i8, u1, u2, u4, u8)");
            return null;
        }
        int data = start + headerLen;
        if (rows * cols * width != b.length - data) {
            d.error(where, file + ": .npy field shape: " + rows + " x " + cols + " x " + width + " bytes != "
                    + (b.length - data) + " data bytes");
            return null;
        }
        ByteBuffer bb = ByteBuffer.wrap(b, data, b.length - data).order(ByteOrder.LITTLE_ENDIAN);
        return new Table((int) rows, (int) cols, values(bb, (int) (rows * cols), kind, width));
    }

    /** A 3-D or 4-D array: rows are all dimensions but the last. */
    private static Table npyNd(Path file, String where, Diagnostics d, byte[] b, int data, Matcher m,
                               boolean fortran, String shape) {
        if (m.group(1).equals(">") || fortran) {
            d.error(where, file + ": .npy field descr/fortran_order: only little-endian C-order arrays are supported");
            return null;
        }
        String[] parts = shape.split("\\s*,\\s*");
        int[] dims = new int[parts.length];
        long total = 1;
        for (int i = 0; i < parts.length; i++) {
            long v = dimension(parts[i]);
            if (v < 0) {
                d.error(where, file + ": .npy field shape: (" + shape + ") exceeds " + Integer.MAX_VALUE
                        + " per dimension");
                return null;
            }
            dims[i] = (int) v;
            total = Math.min(total * v, (long) b.length + 1); // capped: never overflows, still too large
        }
        char kind = m.group(2).charAt(0);
        int width = m.group(3).length() > 1 ? 0 : Integer.parseInt(m.group(3));
        if (!(kind == 'f' && (width == 4 || width == 8))
                && !((kind == 'i' || kind == 'u') && (width == 1 || width == 2 || width == 4 || width == 8))) {
            d.error(where, file + ": .npy field descr: dtype " + m.group(2) + m.group(3)
                    + " is not supported (f4, f8, i1, i2, i4, i8, u1, u2, u4, u8)");
            return null;
        }
        if (total * width != b.length - data) {
            d.error(where, file + ": .npy field shape: " + shape.replaceAll("\\s*,\\s*", " x ") + " x " + width
                    + " bytes != " + (b.length - data) + " data bytes");
            return null;
        }
        int cols = dims[dims.length - 1];
        int rows = cols == 0 ? 0 : (int) (total / cols);
        ByteBuffer bb = ByteBuffer.wrap(b, data, b.length - data).order(ByteOrder.LITTLE_ENDIAN);
        return new Table(rows, cols, values(bb, (int) total, kind, width), null, dims);
    }

    /** A shape entry, or -1 above {@link Integer#MAX_VALUE} (so rows x cols x width cannot overflow a long). */
    private static long dimension(String digits) {
        return digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE ? -1 : Long.parseLong(digits);
    }

    private static double[] values(ByteBuffer bb, int n, char kind, int width) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = kind == 'f' ? (width == 4 ? bb.getFloat() : bb.getDouble()) : readInt(bb, width, kind == 'u');
        }
        return v;
    }

    private static double readInt(ByteBuffer bb, int width, boolean unsigned) {
        return switch (width) {
            case 1 -> unsigned ? bb.get() & 0xff : bb.get();
            case 2 -> unsigned ? bb.getShort() & 0xffff : bb.getShort();
            case 4 -> unsigned ? bb.getInt() & 0xffffffffL : bb.getInt();
            default -> bb.getLong();
        };
    }
}
