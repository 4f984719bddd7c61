package dev.myelin.isa.asm;

import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.TrueNorthNeurons;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.myelin.isa.asm.ImageAssert.assertSameImage;
import static org.assertj.core.api.Assertions.assertThat;

/** The worked example in docs/isa.md assembles, and its shown disassembly is exactly what the printer writes. */
class DocsListingTest {
    static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/isa.md"))) {
                return p.resolve("docs/isa.md");
            }
        }
        throw new IllegalStateException("docs/isa.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The fenced block that follows {@code <!-- listing: NAME -->}. */
    static String block(String name) throws IOException {
        String md = Files.readString(docs());
        int marker = md.indexOf("<!-- listing: " + name + " -->");
        assertThat(marker).as("marker " + name + " in docs/isa.md").isNotNegative();
        int open = md.indexOf("```nasm\n", marker) + "```nasm\n".length();
        int close = md.indexOf("\n```", open);
        return md.substring(open, close + 1);
    }

    @Test
    void handWrittenTwoCoreExampleMeansWhatTheProseSays() throws IOException {
        NetworkImage img = Assembler.assemble("two-core.nasm", block("two-core hand-written"));
        assertThat(img.cores()).hasSize(2);
        TrueNorthNeurons relay = (TrueNorthNeurons) img.cores().get(0).neurons();
        assertThat(relay.weights()).containsExactly(1, 0, 0, 0);
        assertThat(relay.alpha()).containsExactly(1);
        var t = img.cores().get(0).targets();
        assertThat(new int[] {t.dx()[0], t.dy()[0], t.slot()[0], t.axon()[0], t.delay()[0]})
                .containsExactly(1, 0, 0, 0, 1);
        assertThat(img.cores().get(1).targets().count()).isZero();
        assertThat(img.inputs().get(0).entries()).containsExactly(new PortEntry(img.cores().get(0).id(), 0));
        assertThat(img.outputs().get(0).entries()).containsExactly(new PortEntry(img.cores().get(1).id(), 0));
    }

    @Test
    void shownDisassemblyIsThePrintersOutputAndAssemblesToTheSameImage() throws IOException {
        NetworkImage hand = Assembler.assemble("two-core.nasm", block("two-core hand-written"));
        String shown = block("two-core disassembled");
        assertThat(Assembler.disassemble(hand)).isEqualTo(shown);
        assertSameImage(Assembler.assemble("shown.nasm", shown), hand);
    }
}
