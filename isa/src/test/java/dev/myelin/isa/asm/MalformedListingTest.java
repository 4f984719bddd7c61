package dev.myelin.isa.asm;

import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each malformed listing gives exactly one message naming file, line and column. Columns are counted by hand. */
class MalformedListingTest {
    private static final String TN = ".arch tiny\n.core 0 0 0\n";
    private static final String LOIHI = ".arch loihi\n.core 0 0 0\n";
    private static final String MISSING_ARCH = "missing .arch: a listing starts with .arch PRESET (e.g. .arch tiny)";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("", "1:1: " + MISSING_ARCH),
                Arguments.of("; only a comment\n.core 0 0 0\n", "2:1: " + MISSING_ARCH),
                Arguments.of(".arch tiny\n.cor 0 0 0\n", "2:1: unknown directive .cor (did you mean '.core'?)"),
                Arguments.of(".arch tinyy\n", "1:7: unknown architecture preset 'tinyy' (known: "
                        + String.join(", ", Presets.names()) + ") (did you mean 'tiny'?)"),
                Arguments.of(".arch tiny\n.arch tiny\n", "2:1: .arch given twice (first at line 1)"),
                Arguments.of(".arch tiny\n.set core.neuron 8\n",
                        "2:6: unknown architecture parameter core.neuron (did you mean 'core.neurons'?)"),
                Arguments.of(".arch tiny\n.set core.neurons 0\n", "2:19: core.neurons = 0 is out of range [1, 65536]"),
                Arguments.of(".arch tiny\n.set timing.clockMhz fast\n", "2:22: bad number 'fast' for timing.clockMhz"),
                Arguments.of(".arch tiny\n.set core.axonTypes 5\n.core 0 0 0\n",
                        "2:1: .arch: field core.axonTypes = 5 is out of range [1, 4] for datapath truenorth (4 weights per neuron)"),
                Arguments.of(TN.replace("\n.core", "\n.core 0 0 0\n.set core.neurons 8\n;") ,
                        "3:1: .set must come before the first .core, .input, .output or .symbol"),
                Arguments.of(".arch tiny\n.flags 0x10\n", "2:8: flags = 0x00000010: the header flags are reserved and must be 0"),
                Arguments.of(TN + "n0: -> (+1,0) axon 0\n", "3:1: core (0,0,0): neuron[0].target[0] (dx=1, dy=0, slot=0)"
                        + " lands on core (1,0,0), which is not in the image"),
                Arguments.of(TN + "a0:\n.core 1 0 0\nn0: -> (-1,0) axon 3\n", "5:1: core (1,0,0): neuron[0].target[0].axon=3"
                        + " exceeds 0 (core (0,0,0) uses 1 axons)"),
                Arguments.of(TN + "n0:\n.output out\n  0: core 0 0 0 neuron 0\n  1: core 1 1 0 neuron 0\n",
                        "6:1: output port 'out': port[0].entry[1].core=(1,1,0) is not a core of the image"),
                Arguments.of(TN + "n0:\n.symbol p size=1\n  core 0 0 0 neuron=0 count=2 pop=0\n",
                        "5:1: symbol 'p': symbol[0].range[0].neuronStart=0 + count=2 exceeds the 1 neurons used by core (0,0,0)"),
                Arguments.of(".arch loihi\n.core 0 0 0\n.format 0 bits=8 exp=0 sign=excitatory\na0: n0:-3\n",
                        "4:1: core (0,0,0): axon[0].synapse[0].weight=-3 contradicts sign mode excitatory of axon type 0"),
                Arguments.of(TN + "n0: alpha=12x\n", "3:11: bad number '12x' for alpha"),
                Arguments.of(TN + "n0: alpha=99999999999999999999\n", "3:11: bad number '99999999999999999999' for alpha"),
                Arguments.of(TN + "n0: alpha=262144\n", "3:11: alpha = 262144 is out of range [0, 262143]"),
                Arguments.of(TN + "n0: s=+1,0,0,300\n", "3:14: s[3] = 300 is out of range [-256, 255]"),
                Arguments.of(TN + "n0: alhpa=1\n", "3:5: unknown neuron field 'alhpa' (fields: s, b, lambda, c, eps,"
                        + " alpha, beta, tm, gamma, kappa, R, v0) (did you mean 'alpha'?)"),
                Arguments.of(TN + "n0: alpha=1 alpha=2\n", "3:13: field alpha given twice"),
                Arguments.of(TN + "n0 alpha=1\n", "3:4: expected ':', found 'alpha'"),
                Arguments.of(TN + "n0:\nn0:\n", "4:1: neuron n0 defined twice (first at line 3)"),
                Arguments.of(TN + "nx:\n", "3:1: bad neuron label 'nx': expected n followed by a number"),
                Arguments.of(TN + "n3:\n.neurons 2\n", "4:10: neuron count 2 is too small: neuron n3 is already used"),
                Arguments.of(".arch tiny\n.core 2 0 0\n", "2:7: core x = 2 is out of range [0, 1]"),
                Arguments.of(TN + ".core 0 0 0\n", "3:7: core 0 0 0 defined twice (first at line 2)"),
                Arguments.of(".arch tiny\n.core 0 0 0 @\n", "2:13: unexpected character '@'"),
                Arguments.of(".arch tiny\n.core 0 0 0 7\n", "2:13: unexpected '7' at end of line"),
                Arguments.of(".arch tiny\n.core 0 0\n", "2:10: expected core slot, found end of line"),
                Arguments.of(".arch tiny\n.axons 3\n", "2:1: .axons must be inside a core (after .core X Y SLOT)"),
                Arguments.of(TN + "a16: type=0 1\n", "3:1: axon a16 is out of range: core.axons = 16"),
                Arguments.of(TN + "a0: type=4\n", "3:10: axon type = 4 is out of range [0, 3]"),
                Arguments.of(TN + ".neurons 2\na0: type=0 101\n",
                        "4:14: crossbar row has more than 2 bits (the core has 2 neurons)"),
                Arguments.of(TN + "a0: type=0 1021\n", "3:14: bad crossbar bit '2': a row is 0s and 1s, '_' groups them"),
                Arguments.of(TN + "a0: 1\na0: 1\n", "4:1: axon a0 defined twice (first at line 3)"),
                Arguments.of(".arch tiny\n.core 1 0 0\nn0: alpha=1 -> (+1,0) axon 0\n",
                        "3:17: target core (2,0,0) is off the 2x2 board"),
                Arguments.of(TN + "n0: -> (0,0) axon 0 -> (0,0) axon 1\n",
                        "3:21: neuron n0 has more than 1 target (core.targetsPerNeuron)"),
                Arguments.of(TN + "n0: -> (0,0) axon 0 delay 16\n", "3:27: delay = 16 is out of range [1, 15]"),
                Arguments.of(TN + "n0: -> (0,0) neuron 0\n", "3:14: expected 'axon', found 'neuron'"),
                Arguments.of(TN + "-> (0,0) axon 0\n", "3:1: a target line '->' must follow a neuron line nJ:"),
                Arguments.of(TN + ".decay lava\n", "3:1: .decay is for Loihi cores; this architecture's datapath is truenorth"),
                Arguments.of(TN + ".negative_threshold below\n", "3:21: unknown negative-threshold rule 'below' "
                        + "(known: strict, V < -beta, TrueNorth's; inclusive, V <= -beta, RANC's)"),
                Arguments.of(TN + ".negative_threshold inclusive\n.negative_threshold strict\n",
                        "4:1: .negative_threshold given twice in core (0,0,0) (first at line 3)"),
                Arguments.of(TN + ".negative_threshold\n",
                        "3:20: expected a negative-threshold rule (strict or inclusive), found end of line"),
                Arguments.of(".arch loihi\n.core 0 0 0\n.negative_threshold inclusive\n",
                        "3:1: .negative_threshold is for TrueNorth cores; this architecture's datapath is loihi-cuba"),
                Arguments.of(TN + ".learning epoch=1\n",
                        "3:1: .learning is for Loihi cores; this architecture's datapath is truenorth"),
                Arguments.of(LOIHI + ".learning epoch=0\n", "3:17: epoch = 0 is out of range [1, 255]"),
                Arguments.of(LOIHI + ".learning speed=3\n",
                        "3:11: unknown learning field 'speed' (known: epoch, weight_frac, w_min, w_max, reward)"),
                Arguments.of(LOIHI + ".rule \"dw = x1\"\n", "3:1: .rule needs a .learning line before it in core (0,0,0)"),
                // column: the quote is at 7, the rule text's column 6 ('z') is line column 7 + 6 = 13
                Arguments.of(LOIHI + ".learning\n.rule \"dw = z1 * y0\"\n",
                        "4:13: unknown variable 'z1' (known: x0 y0 x1 x2 y1 y2 y3 r0 r1 w t d)"),
                Arguments.of(LOIHI + ".learning\n.rule \"dw = 3^2 * y0\"\n",
                        "4:13: only powers of two are allowed: write 2^E"),
                Arguments.of(LOIHI + ".learning\n.rule \"dw = 2^-30 * y0\"\n",
                        "4:15: exponent -30 is out of range [-24, 15]"),
                Arguments.of(LOIHI + ".learning\n.trace x1 decay=1 impulse=200 width=7 mode=add\n",
                        "4:19: impulse = 200 exceeds 2^width - 1 = 127"),
                Arguments.of(LOIHI + ".learning\n.trace q1 decay=1 impulse=2 width=7 mode=add\n",
                        "4:8: unknown trace 'q1' (known: x1 x2 y1 y2 y3 r1)"),
                Arguments.of(TN + "foo\n", "3:1: unexpected 'foo' in a core: expected an axon line aI:, a neuron line nJ:,"
                        + " a target '->' or a directive"),
                Arguments.of(".arch loihi\n.core 0 0 0\n.format 0 bits=8 exp=0 sign=both\n",
                        "3:29: unknown sign mode 'both' (known: excitatory, inhibitory, mixed)"),
                Arguments.of(".arch loihi\n.core 0 0 0\n.format 1 bits=8 exp=0 sign=mixed\n",
                        "3:9: format 1 out of order: formats are numbered 0, 1, ... and the next is 0"),
                Arguments.of(".arch loihi\n.core 0 0 0\na0: type=0 n0:+256\n", "3:15: weight = 256 is out of range [-256, 255]"),
                Arguments.of(".arch loihi\n.core 0 0 0\n.decay slow\n", "3:8: unknown decay mode 'slow' (known: lava, nxsdk)"),
                Arguments.of(".arch tiny\n.input \"in\n", "2:8: unterminated string"),
                Arguments.of(".arch tiny\n.input \"a\\q\"\n", "2:10: unknown escape \\q (known: \\\" \\\\ \\n \\t \\xNN)"),
                Arguments.of(TN + "a0: 1\n.input in\n  1: core 0 0 0 axon 0\n",
                        "5:3: port line 1 out of order: the next line of port in is 0"),
                Arguments.of(TN + "a0: 1\n.input in\n  0: core 0 0 0 neuron 0\n", "5:17: expected 'axon', found 'neuron'"),
                Arguments.of(".arch tiny\n.symbol p size=-1\n", "2:16: size = -1 is out of range [0, 2147483647]"),
                Arguments.of(TN + "n0: alpha=1\n.symbol p size=1\n  core 0 0 0 neuron=0 count=0 pop=0\n",
                        "5:29: count = 0 is out of range [1, 16]"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reportsLineColumnAndWhatIsWrong(String listing, String expected) {
        assertThatThrownBy(() -> Assembler.assemble("bad.nasm", listing))
                .isInstanceOf(MyelinInputException.class)
                .hasMessage("bad.nasm:" + expected);
    }

    @Test
    void aLineWithoutEndIsCutOffBeforeItFillsMemory() {
        String listing = ".arch tiny\n;" + "x".repeat(ListingParser.MAX_LINE_CHARS + 10);
        assertThatThrownBy(() -> Assembler.assemble("bad.nasm", listing))
                .hasMessage("bad.nasm:2:" + (ListingParser.MAX_LINE_CHARS + 1) + ": line longer than "
                        + ListingParser.MAX_LINE_CHARS + " characters");
    }
}
