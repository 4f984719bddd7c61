package dev.myelin.isa.codec;

import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.testing.SampleImages;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every core field the validator can name is located where the writer put it (the dump's labels). */
class FieldLocatorTest {
    private static final Pattern CORE_LABEL = Pattern.compile("core\\[(\\d+)]\\.(.+)");
    /** Labels of bytes the validator never names (frame, reserved, raw blocks, counts checked by the reader). */
    private static final Set<String> NOT_NAMED = Set.of("tag", "length", "x", "y", "slot", "datapath", "synapses",
            "formats", "learningBytes", "learning", "flags", "row");

    @Test
    void locatedOffsetsAreTheWritersOffsets() {
        int checked = 0;
        for (NetworkImage image : SampleImages.all().values()) {
            NbinOut out = new NbinOut(true);
            new NbinWriter(out).write(image);
            List<Long> sectionStarts = new ArrayList<>();
            for (NbinOut.Span s : out.spans()) {
                Matcher m = CORE_LABEL.matcher(s.label());
                if (!m.matches()) {
                    continue;
                }
                int core = Integer.parseInt(m.group(1));
                if (m.group(2).equals("tag")) {
                    sectionStarts.add(s.offset());
                }
                String field = m.group(2);
                String leaf = field.substring(field.lastIndexOf('.') + 1);
                if (NOT_NAMED.contains(leaf) || field.startsWith("learning.")) {
                    // the learning section's fields are located by its decoder (LearningCodec), never by the validator
                    continue;
                }
                long located = new FieldLocator(image.cores().get(core), sectionStarts.get(core)).offsetOf(field);
                assertThat(located).as(s.label()).isEqualTo(s.offset());
                checked++;
            }
            out.release();
        }
        assertThat(checked).isGreaterThan(500);
    }
}
