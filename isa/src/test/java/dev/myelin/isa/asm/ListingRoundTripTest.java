package dev.myelin.isa.asm;

import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;

import static dev.myelin.isa.asm.ImageAssert.assertSameImage;
import static org.assertj.core.api.Assertions.assertThat;

class ListingRoundTripTest {
    @Test
    void randomTrueNorthImagesSurviveListingAndBack() {
        RandomImages gen = new RandomImages(20261127L);
        for (int i = 0; i < 200; i++) {
            roundTrip("tn#" + i, gen.next(true));
        }
    }

    @Test
    void randomLoihiImagesSurviveListingAndBack() {
        RandomImages gen = new RandomImages(4242L);
        for (int i = 0; i < 200; i++) {
            roundTrip("loihi#" + i, gen.next(false));
        }
    }

    static NetworkImage roundTrip(String name, NetworkImage image) {
        String text = Assembler.disassemble(image);
        NetworkImage back = Assembler.assemble(name + ".nasm", text);
        assertSameImage(back, image);
        assertThat(Assembler.disassemble(back)).as(name).isEqualTo(text);
        return back;
    }
}
