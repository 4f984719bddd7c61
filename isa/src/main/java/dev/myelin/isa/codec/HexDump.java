package dev.myelin.isa.codec;

import dev.myelin.isa.model.NetworkImage;

import java.util.List;

/**
 * A labelled hex dump of a network binary: one line per field with its byte offset, its
 * bytes in file order and its path ({@code core[0].neuron[2].alpha}); fields longer than
 * 16 bytes continue on further lines without a label. Every byte of the file appears once.
 * <pre>
 * 00000000  4d 59 4c 4e               header.magic
 * </pre>
 */
public final class HexDump {
    /** Bytes shown per line. */
    public static final int BYTES_PER_LINE = 16;

    private HexDump() {
    }

    /** The dump of the image's encoding. */
    public static String of(NetworkImage image) {
        NbinOut out = new NbinOut(true);
        try {
            new NbinWriter(out).write(image);
            return render(out.toByteArray(), out.spans());
        } finally {
            out.release();
        }
    }

    /** The dump of a binary: decoded (and so validated), then labelled by re-encoding, which gives the same bytes. */
    public static String of(byte[] data) {
        NbinOut out = new NbinOut(true);
        try {
            new NbinWriter(out).write(NbinCodec.decode(data));
            byte[] again = out.toByteArray();
            String note = java.util.Arrays.equals(again, data) ? ""
                    : "# note: shown as re-encoded (" + again.length + " bytes); the input (" + data.length
                    + " bytes) holds sections of a newer minor version that this reader skipped\n";
            return note + render(again, out.spans());
        } finally {
            out.release();
        }
    }

    static String render(byte[] data, List<NbinOut.Span> spans) {
        StringBuilder s = new StringBuilder();
        s.append("# offset   bytes (file order, little-endian fields)           field\n");
        for (NbinOut.Span span : spans) {
            for (int from = 0; from < span.length(); from += BYTES_PER_LINE) {
                int n = Math.min(BYTES_PER_LINE, span.length() - from);
                long at = span.offset() + from;
                s.append(String.format("%08x  ", at));
                StringBuilder hex = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    hex.append(String.format("%02x ", data[(int) at + i] & 0xff));
                }
                s.append(String.format("%-" + (3 * BYTES_PER_LINE + 1) + "s", hex));
                s.append(from == 0 ? span.label() : "").append('\n');
            }
        }
        return s.toString().replaceAll(" +\n", "\n");
    }
}
