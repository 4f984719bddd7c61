package dev.myelin.isa.asm;

import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded mutations of valid listings (characters dropped, doubled or replaced, lines swapped
 * or cut): the assembler either accepts the result or throws one located, one-line
 * {@link MyelinInputException}; never any other exception.
 */
class ListingFuzzTest {
    private static final Pattern LOCATED = Pattern.compile("^fuzz\\.nasm:\\d+:\\d+: [^\\n]+$");
    private static final String ALPHABET = "0123456789abnx.:=,()->+_ ;\"\\\n@";

    @Test
    void mutatedListingsFailOnlyWithLocatedOneLineErrors() {
        Random rnd = new Random(77);
        RandomImages gen = new RandomImages(78);
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seeds.add(Assembler.disassemble(gen.next(i % 2 == 0)));
        }
        seeds.add(".arch tiny\n.core 0 0 0\na0: 1\nn0: s=1 alpha=1 -> (0,0) axon 0\n.input in\n  0: core 0 0 0 axon 0\n");
        int rejected = 0;
        for (int i = 0; i < 500; i++) {
            String text = mutate(rnd, seeds.get(rnd.nextInt(seeds.size())));
            try {
                Assembler.assemble("fuzz.nasm", text);
            } catch (MyelinInputException e) {
                rejected++;
                assertThat(e.getMessage()).matches(LOCATED);
            } catch (RuntimeException e) {
                fail("mutation " + i + " crashed the assembler: " + e + "\n" + text);
            }
        }
        assertThat(rejected).isGreaterThan(150);
    }

    private static String mutate(Random rnd, String s) {
        StringBuilder b = new StringBuilder(s);
        for (int m = 1 + rnd.nextInt(3); m > 0 && b.length() > 1; m--) {
            int at = rnd.nextInt(b.length());
            switch (rnd.nextInt(5)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, b.charAt(at));
                case 2 -> b.setCharAt(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 3 -> b.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                default -> {
                    int end = b.indexOf("\n", at);
                    b.setLength(end < 0 ? b.length() : end);
                }
            }
        }
        return b.toString();
    }
}
