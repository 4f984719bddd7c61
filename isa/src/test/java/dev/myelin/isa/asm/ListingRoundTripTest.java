package dev.myelin.isa.asm;

import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.testing.SampleImages;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.myelin.isa.asm.ImageAssert.assertSameImage;
import static org.assertj.core.api.Assertions.assertThat;

/** binary -> listing -> binary is byte-identical, and the listing of the result is the same text. */
class ListingRoundTripTest {
    @Test
    void everySampleImageRoundTripsByteForByte() {
        for (Map.Entry<String, NetworkImage> e : SampleImages.all().entrySet()) {
            roundTrip(e.getKey(), e.getValue());
        }
    }

    @Test
    void randomTrueNorthImagesRoundTripByteForByte() {
        RandomImages gen = new RandomImages(20261127L);
        for (int i = 0; i < 200; i++) {
            roundTrip("tn#" + i, gen.next(true));
        }
    }

    @Test
    void randomLoihiImagesRoundTripByteForByte() {
        RandomImages gen = new RandomImages(4242L);
        for (int i = 0; i < 200; i++) {
            roundTrip("loihi#" + i, gen.next(false));
        }
    }

    /** Starts from the image's bytes, goes through the listing and back to bytes. */
    static void roundTrip(String name, NetworkImage image) {
        byte[] bytes = NbinCodec.encode(image);
        NetworkImage decoded = NbinCodec.decode(bytes);
        String text = Assembler.disassemble(decoded);
        NetworkImage back = Assembler.assemble(name + ".nasm", text);
        assertSameImage(back, image);
        assertThat(NbinCodec.encode(back)).as(name).isEqualTo(bytes);
        assertThat(Assembler.disassemble(back)).as(name).isEqualTo(text);
    }
}
