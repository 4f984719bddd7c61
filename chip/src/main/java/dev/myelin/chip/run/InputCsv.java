package dev.myelin.chip.run;

import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.TextFiles;
import dev.myelin.isa.spi.Stimulus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads {@code --input PORT=FILE.csv}: rows {@code tick,index}, an optional header, {@code #} comments. */
public final class InputCsv {
    /** Largest input file accepted, checked before and while reading. */
    static final long MAX_BYTES = 512L << 20;

    private InputCsv() {
    }

    /**
     * @param lines the port's line count: every index must be below it
     */
    public static Stimulus.SpikeArray read(String port, Path file, int lines) {
        int[] ticks = new int[1024];
        int[] index = new int[1024];
        int n = 0;
        int no = 0;
        try (InputStream in = TextFiles.openBounded(file, MAX_BYTES, "input file")) {
            LineBytes bytes = new LineBytes();
            String line;
            while ((line = bytes.next(in, file, no + 1)) != null) {
                no++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#") || (no == 1 && s.replace(" ", "").equalsIgnoreCase("tick,index"))) {
                    continue;
                }
                if (n == ticks.length) {
                    ticks = Arrays.copyOf(ticks, n * 2);
                    index = Arrays.copyOf(index, n * 2);
                }
                int comma = line.indexOf(',');
                if (comma < 0) {
                    throw new MyelinInputException(file + ":" + no + ":1: expected 'tick,index'");
                }
                ticks[n] = field(file, no, 1, line.substring(0, comma), Integer.MAX_VALUE, "tick");
                index[n] = field(file, no, comma + 2, line.substring(comma + 1), lines - 1, "index");
                n++;
            }
        } catch (IOException e) {
            throw new MyelinInputException(file + ": cannot read: " + e.getMessage());
        }
        return new Stimulus.SpikeArray(port, Arrays.copyOf(ticks, n), Arrays.copyOf(index, n));
    }

    private static int field(Path file, int line, int col, String text, int max, String what) {
        String t = text.strip();
        try {
            long v = Long.parseLong(t);
            if (v < 0 || v > max) {
                throw new MyelinInputException(file + ":" + line + ":" + col + ": " + what + " = " + t
                        + " is out of range [0, " + max + "]");
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new MyelinInputException(file + ":" + line + ":" + col + ": " + what + " '" + t
                    + "' is not a whole number");
        }
    }

    /**
     * Lines read as bytes and decoded one at a time, so a byte that is not UTF-8 is reported on
     * its own line (a decoding reader reads ahead and cannot say where).
     */
    private static final class LineBytes {
        private byte[] buf = new byte[256];

        /** The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end. */
        String next(InputStream in, Path file, int lineNo) throws IOException {
            int n = 0;
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, n * 2);
                }
                buf[n++] = (byte) b;
            }
            if (b < 0 && n == 0) {
                return null;
            }
            if (n > 0 && buf[n - 1] == '\r') {
                n--;
            }
            return TextFiles.decodeUtf8(file.toString(), lineNo, buf, n);
        }
    }
}
