package dev.myelin.tests.asm;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.OutputSpike;
import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-core program of docs/isa.md ("Worked example") does on the chip what the prose
 * says: a spike on port {@code in} in tick 0 makes core (0,0)'s neuron fire in tick 0 (weight
 * +1 reaches alpha 1); its target, delay 1, makes axon 0 of core (1,0) active in tick 1, whose
 * neuron fires then and is reported on port {@code out}: exactly one output spike, in tick 1.
 */
class WorkedExampleOnChipTest {
    private static String handWrittenExample() throws IOException {
        Path docs = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && docs == null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/isa.md"))) {
                docs = p.resolve("docs/isa.md");
            }
        }
        assertThat(docs).as("docs/isa.md above the working directory").isNotNull();
        String md = Files.readString(docs);
        int marker = md.indexOf("<!-- listing: two-core hand-written -->");
        assertThat(marker).isNotNegative();
        int open = md.indexOf("```nasm\n", marker) + "```nasm\n".length();
        return md.substring(open, md.indexOf("\n```", open) + 1);
    }

    @Test
    void aSpikeOnInReachesOutOneTickLater() throws IOException {
        NetworkImage image = NbinCodec.decode(NbinCodec.encode(Assembler.assemble("two-core.nasm", handWrittenExample())));
        try (Chip chip = Chip.load(image, ChipOptions.defaults())) {
            chip.collectOutputs(true);
            chip.inject("in", 0, 0);
            chip.run(6);
            assertThat(chip.outputSpikes()).containsExactly(new OutputSpike("out", 0, 1));
        }
    }
}
