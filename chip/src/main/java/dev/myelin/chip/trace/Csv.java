package dev.myelin.chip.trace;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one CSV dialect every CSV output is written in (Apache Commons CSV): RFC 4180 fields,
 * comma-separated, a field quoted when it holds a comma, a quote or a line break (quotes
 * doubled), records ending in {@code \n}, comment lines starting with {@code #}. Read the files
 * back with the same format (or any RFC 4180 reader that skips {@code #} lines).
 */
public final class Csv {
    /** The dialect: {@link CSVFormat#DEFAULT} with {@code \n} records and {@code #} comments. */
    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').setCommentMarker('#')
            .get();

    private Csv() {
    }

    /** A printer into {@code out}; I/O errors of {@code out} propagate as they are. */
    public static CSVPrinter printer(Appendable out) {
        try {
            return new CSVPrinter(out, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One record, quoted as needed, ending in {@code \n} (for rows built outside a hot loop). */
    public static String row(List<?> fields) {
        StringBuilder sb = new StringBuilder();
        try {
            FORMAT.printRecord(sb, fields.toArray());
        } catch (IOException e) {
            throw new UncheckedIOException("appending to a StringBuilder", e);
        }
        return sb.toString();
    }
}
