package dev.myelin.isa.codec;

import dev.myelin.isa.format.CoreSectionDescriptor;
import dev.myelin.isa.format.Field;
import dev.myelin.isa.format.HeaderDescriptor;
import dev.myelin.isa.format.LoihiNeuronDescriptor;
import dev.myelin.isa.format.TargetDescriptor;
import dev.myelin.isa.format.TrueNorthNeuronDescriptor;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.testing.SampleImages;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The descriptors' static offsets and sizes are the ones the writer produces and the diagrams show. */
class DescriptorLayoutTest {
    @Test
    void sizesAreThoseOfTheBitDiagrams() {
        assertThat(HeaderDescriptor.SIZE).isEqualTo(12);
        assertThat(CoreSectionDescriptor.HEADER_SIZE).isEqualTo(30);
        assertThat(TrueNorthNeuronDescriptor.SIZE).isEqualTo(25);
        assertThat(LoihiNeuronDescriptor.SIZE).isEqualTo(16);
        assertThat(TargetDescriptor.SIZE).isEqualTo(10);
        assertThat(TrueNorthNeuronDescriptor.ALPHA.offset()).isEqualTo(12);
        assertThat(TrueNorthNeuronDescriptor.V0.offset()).isEqualTo(22);
        assertThat(LoihiNeuronDescriptor.U0.offset()).isEqualTo(10);
        assertThat(CoreSectionDescriptor.LEARNING_BYTES.offset()).isEqualTo(26);
    }

    @Test
    void writerPlacesEveryFieldAtItsDescriptorOffset() throws Exception {
        check(SampleImages.trueNorthOneCore(), "core[0].neuron[1].", TrueNorthNeuronDescriptor.class, "weight[0]");
        check(SampleImages.loihiSparse(), "core[0].neuron[2].", LoihiNeuronDescriptor.class, "du");
        check(SampleImages.loihiSparse(), "core[0].neuron[0].target[1].", TargetDescriptor.class, "dx");
        check(SampleImages.loihiSparse(), "core[1].", CoreSectionDescriptor.class, "x");
    }

    /** Spans labelled {@code prefix + field name} sit at {@code first span + field offset} for every field. */
    private static void check(NetworkImage image, String prefix, Class<?> descriptor, String first) throws Exception {
        NbinOut out = new NbinOut(true);
        new NbinWriter(out).write(image);
        Map<String, Long> at = new HashMap<>();
        for (NbinOut.Span s : out.spans()) {
            if (s.label().startsWith(prefix)) {
                at.putIfAbsent(s.label().substring(prefix.length()), s.offset());
            }
        }
        out.release();
        long base = at.get(first);
        List<String> checked = new ArrayList<>();
        for (java.lang.reflect.Field f : descriptor.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Field.class) {
                Field field = (Field) f.get(null);
                if (at.containsKey(field.name())) {
                    assertThat(at.get(field.name()) - base).as(prefix + field.name()).isEqualTo(field.offset());
                    checked.add(field.name());
                }
            }
        }
        assertThat(checked).as(descriptor.getSimpleName() + " fields found in the dump").hasSizeGreaterThan(4);
    }
}
