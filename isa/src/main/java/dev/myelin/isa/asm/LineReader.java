package dev.myelin.isa.asm;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines ({@code \n}, {@code \r\n}) without ever holding more than {@code max + 1}
 * characters of one line, so a listing without newlines cannot exhaust memory.
 */
final class LineReader {
    private final Reader in;
    private final int max;
    private final StringBuilder sb = new StringBuilder();
    private int lineNo;
    private boolean eof;

    LineReader(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line (at most {@code max + 1} characters: longer means too long), or null at the end. */
    String next() throws IOException {
        if (eof) {
            return null;
        }
        sb.setLength(0);
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (sb.length() <= max) {
                sb.append((char) c);
            } else {
                lineNo++;
                return sb.toString();
            }
        }
        if (c == -1) {
            eof = true;
            if (sb.length() == 0) {
                return null;
            }
        }
        lineNo++;
        return sb.toString();
    }

    int lineNo() {
        return lineNo;
    }
}
