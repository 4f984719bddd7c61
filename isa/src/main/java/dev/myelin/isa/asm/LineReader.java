package dev.myelin.isa.asm;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines ({@code \n}, {@code \r\n}) in 64 K-character chunks without ever holding more
 * than {@code max + 1} characters of one line, so a listing without newlines cannot exhaust
 * memory.
 */
final class LineReader {
    private final Reader in;
    private final int max;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
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
        while (true) {
            if (pos == len) {
                len = in.read(buf);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    eof = true;
                    if (sb.length() == 0) {
                        return null;
                    }
                    lineNo++;
                    return sb.toString();
                }
            }
            int start = pos;
            while (pos < len && buf[pos] != '\n') {
                pos++;
            }
            int take = Math.min(pos - start, max + 1 - sb.length());
            sb.append(buf, start, take);
            if (sb.length() > max) {
                lineNo++;
                return sb.toString();
            }
            if (pos < len) {
                pos++;
                lineNo++;
                int end = sb.length();
                return end > 0 && sb.charAt(end - 1) == '\r' ? sb.substring(0, end - 1) : sb.toString();
            }
        }
    }

    int lineNo() {
        return lineNo;
    }
}
