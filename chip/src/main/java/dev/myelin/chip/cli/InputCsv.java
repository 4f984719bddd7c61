package dev.myelin.chip.cli;

import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.spi.Stimulus;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads {@code --input PORT=FILE.csv}: rows {@code tick,index}, an optional header, {@code #} comments. */
final class InputCsv {
    /** Largest input file accepted, checked before reading. */
    static final long MAX_BYTES = 512L << 20;

    private InputCsv() {
    }

    /**
     * @param lines the port's line count: every index must be below it
     */
    static Stimulus.SpikeArray read(String port, Path file, int lines) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new MyelinInputException(file + ": input file is larger than " + MAX_BYTES + " bytes");
            }
        } catch (IOException e) {
            throw new MyelinInputException(file + ": cannot read: " + e.getMessage());
        }
        int[] ticks = new int[1024];
        int[] index = new int[1024];
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
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
}
