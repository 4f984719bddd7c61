package dev.myelin.isa.codec;

import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.testing.SampleImages;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Truncated and corrupted binaries: each is rejected with a {@link MyelinInputException} whose
 * message names the byte offset, section and field, or decodes into an image that passed
 * validation. Runs with the CRC check and again without it, so that the structural checks
 * behind it see the damage too. Seeded, so every failure is reproducible.
 */
class NbinCorruptionTest {
    private static final long SEED = 20261127L;
    private static final int CORRUPTIONS_PER_SAMPLE = 1500;
    private static final Pattern LOCATED = Pattern.compile("^byte offset \\d+, section \\S+, field \\S+: .+");

    @Test
    void everyTruncationIsRejectedWithAndWithoutTheCrc() {
        for (Map.Entry<String, NetworkImage> e : SampleImages.all().entrySet()) {
            byte[] full = NbinCodec.encode(e.getValue());
            for (int len = 0; len < full.length; len++) {
                byte[] cut = Arrays.copyOf(full, len);
                for (boolean crc : new boolean[] {true, false}) {
                    String what = e.getKey() + " cut to " + len + " of " + full.length + " bytes, crc=" + crc;
                    assertThat(outcome(cut, crc, what)).as(what).isNotNull();
                }
            }
        }
    }

    @Test
    void everySingleByteChangeIsCaughtByTheCrc() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (Map.Entry<String, NetworkImage> e : SampleImages.all().entrySet()) {
            byte[] full = NbinCodec.encode(e.getValue());
            for (int at = 0; at < full.length; at++) {
                byte[] bad = full.clone();
                bad[at] ^= (byte) (1 + rnd.nextInt(255));
                String what = e.getKey() + " byte " + at + " changed";
                assertThat(outcome(bad, true, what)).as(what).isNotNull();
            }
        }
    }

    @Test
    void randomCorruptionsAreRejectedOrDecodeIntoValidImages() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        Map<String, Integer> rejectedBy = new TreeMap<>();
        int decoded = 0;
        int trials = 0;
        for (Map.Entry<String, NetworkImage> e : SampleImages.all().entrySet()) {
            byte[] full = NbinCodec.encode(e.getValue());
            for (int t = 0; t < CORRUPTIONS_PER_SAMPLE; t++) {
                byte[] bad = full.clone();
                int changes = 1 + rnd.nextInt(4);
                StringBuilder what = new StringBuilder(e.getKey()).append(" trial ").append(t).append(':');
                for (int c = 0; c < changes; c++) {
                    int at = rnd.nextInt(bad.length);
                    bad[at] = (byte) rnd.nextInt(256);
                    what.append(" [").append(at).append("]=").append(bad[at] & 0xff);
                }
                for (boolean crc : new boolean[] {true, false}) {
                    trials++;
                    String message = outcome(bad, crc, what + " crc=" + crc);
                    if (message == null) {
                        decoded++;
                    } else {
                        rejectedBy.merge(fieldOf(message), 1, Integer::sum);
                    }
                }
            }
        }
        System.out.println("corruption trials " + trials + ", decoded to valid images " + decoded
                + ", rejected by field " + rejectedBy);
        assertThat(trials).isEqualTo(2 * CORRUPTIONS_PER_SAMPLE * SampleImages.all().size());
        // without the CRC the structural checks must fire, and from many different fields
        assertThat(rejectedBy.keySet().size()).as("distinct rejecting fields " + rejectedBy).isGreaterThan(20);
        assertThat(decoded).as("corruptions decoding to valid images").isLessThan(trials / 2);
    }

    /**
     * Decodes, returning null when the binary decoded (the decoder validated it), or the error's message,
     * which must be a located one. Any other throwable fails the test with the corruption that caused it.
     */
    private static String outcome(byte[] data, boolean crc, String what) {
        try {
            NbinCodec.decode(data, crc);
            return null;
        } catch (MyelinInputException ex) {
            String m = ex.getMessage();
            if (!LOCATED.matcher(m).matches() || m.contains("\n")) {
                fail(what + ": message not in the located one-line form: " + m);
            }
            return m;
        } catch (RuntimeException | Error ex) {
            throw new AssertionError(what + ": escaped as " + ex, ex);
        }
    }

    /** The field path of a located message with indices dropped, e.g. {@code neuron.alpha}. */
    private static String fieldOf(String message) {
        int f = message.indexOf(", field ") + 8;
        return message.substring(f, message.indexOf(':', f)).replaceAll("\\[[^]]*]", "");
    }
}
