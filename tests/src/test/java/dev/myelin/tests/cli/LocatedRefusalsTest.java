package dev.myelin.tests.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.myelin.tests.cli.BadInputTest.assertUserError;
import static dev.myelin.tests.cli.BadInputTest.run;

/**
 * Refusals that once named no line, or the wrong one, through {@code myelin compile}: each must
 * exit 2 with one line starting with the exact FILE:LINE:COL of what it concerns
 * (docs/language.md, "Errors"). One test per class of fix.
 */
class LocatedRefusalsTest {
    @TempDir
    Path dir;

    /** A description on {@code arch} with two populations a (8 neurons) -> b (8 neurons). */
    static String net(String arch, String more) {
        return "name: t\n"
                + "arch: " + arch + "\n"
                + "dt: 1 ms\n"
                + "populations:\n"
                + "  - {name: a, size: 8, model: if, params: {v_thresh: 2 mV}}\n"
                + "  - {name: b, size: 8, model: if, params: {v_thresh: 2 mV}}\n"
                + more;
    }

    private BadInputTest.Outcome compile(String description) throws Exception {
        Path net = dir.resolve("net.yaml");
        Files.writeString(net, description);
        return run("compile", net.toString(), "-o", dir.resolve("net.nbin").toString());
    }

    @Test
    void aRuleBetweenArchitectureFieldsPointsAtTheFieldTheFileSets() throws Exception {
        Files.writeString(dir.resolve("board.yaml"), "extends: truenorth\nname: board\ncore:\n  axons: 512\n");
        assertUserError(compile(net("board.yaml", "")),
                dir.resolve("board.yaml") + ":4:10: field core.maxFanIn = 256 is smaller than core.axons = 512");
        Files.writeString(dir.resolve("board.yaml"), "extends: loihi\nname: board\ndatapath: truenorth\n");
        assertUserError(compile(net("board.yaml", "")), dir.resolve("board.yaml")
                + ":3:11: field core.axonTypes = 16 is out of range [1, 4] for datapath truenorth (4 weights per neuron)");
    }

    @Test
    void aBrokenNpyIsRefusedAtTheKeyThatNamesIt() throws Exception {
        // an 8 x 8 f8 header over 10 data bytes, named on line 8 at column 53
        byte[] header = "{'descr': '<f8', 'fortran_order': False, 'shape': (8, 8), }".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length + 10).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length).put(header);
        Files.write(dir.resolve("w.npy"), b.array());
        String proj = "projections:\n"
                + "  - {pre: a, post: b, connect: {type: matrix, file: w.npy}, weight_unit: mV}\n";
        assertUserError(compile(net("loihi", proj)), dir.resolve("net.yaml") + ":8:53: " + dir.resolve("w.npy")
                + ": .npy field shape: 8 x 8 x 8 bytes != 10 data bytes");
        // a version 2 preamble needs 12 bytes
        Files.write(dir.resolve("w.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0});
        assertUserError(compile(net("loihi", proj)), dir.resolve("net.yaml") + ":8:53: " + dir.resolve("w.npy")
                + ": .npy version 2 needs a 12-byte preamble, the file has 10 bytes");
    }

    @Test
    void aDescriptionOverItsBoundIsRefusedAtItsFirstLine() throws Exception {
        Path net = dir.resolve("big.yaml");
        try (RandomAccessFile f = new RandomAccessFile(net.toFile(), "rw")) {
            f.setLength((16L << 20) + 1); // sparse: refused from its size, before reading
        }
        assertUserError(run("compile", net.toString(), "-o", dir.resolve("big.nbin").toString()),
                net + ":1:1: network description is larger than 16777216 bytes");
        Files.writeString(dir.resolve("board.yaml"), "");
        assertUserError(compile(net("board.yaml", "")), dir.resolve("board.yaml") + ":1:1: empty architecture description");
    }

    @Test
    void aBadSpikeRowIsRefusedAtItsLineAndField() throws Exception {
        // header, comment, then the bad index on line 4, column 3
        Files.writeString(dir.resolve("cue.csv"), "tick,index\n# cue\n1,0\n2,9\n");
        String more = "inputs:\n  - {name: cue, type: spike_array, size: 8, file: cue.csv}\n"
                + "projections:\n  - {pre: cue, post: a, connect: one_to_one, weight: 1 mV}\n";
        assertUserError(compile(net("loihi", more)), dir.resolve("cue.csv")
                + ":4:3: index 9 is not an integer in [0, 8) (input 'cue' has 8 lines)");
        // a value is located after the blanks before it
        Files.writeString(dir.resolve("cue.csv"), "1,0\n -2,1\n");
        assertUserError(compile(net("loihi", more)), dir.resolve("cue.csv") + ":2:2: tick -2 is not an integer >= 0");
    }

    @Test
    void aBadListRowIsRefusedAtItsLineAndField() throws Exception {
        String more = "projections:\n  - {pre: a, post: b, connect: {type: from_list, file: syn.csv}, weight_unit: mV}\n";
        Path syn = dir.resolve("syn.csv");
        Files.writeString(syn, "pre,post,weight,delay\n0,1,1.5,1\n1,2.5,1,1\n");
        assertUserError(compile(net("truenorth", more)), syn + ":3:3: post = 2.5 must be an integer >= 0");
        // checked by validation, against the populations and the architecture
        Files.writeString(syn, "pre,post,weight,delay\n0,1,1.5,1\n1,8,1,1\n");
        assertUserError(compile(net("truenorth", more)), syn + ":3:3: projection 'a->b': list row 2: post 8 is outside"
                + " 'b' (size 8)");
        Files.writeString(syn, "pre,post,weight,delay\n0,1,1.5,1\n1,2,1,  99\n");
        assertUserError(compile(net("truenorth", more)), syn + ":3:9: projection 'a->b': list row 2: delay 99 ticks"
                + " exceeds the architecture's maximum 15");
        // found by routing: TrueNorth holds one synapse per pair, so the repeat is the error
        Files.writeString(syn, "pre,post,weight,delay\n0,1,1.5,1\n1,2,1,1\n0,1,2,1\n");
        assertUserError(compile(net("truenorth", more)), syn + ":4:1: projection 'a->b' connects a[0] to b[1] twice"
                + " with the same delay; TrueNorth's binary crossbar holds one synapse per pair: merge them into one weight");
    }

    @Test
    void laterPassesPointAtTheKeyTheyConcern() throws Exception {
        Path net = dir.resolve("net.yaml");
        // validation: the pre line of a block-style projection, not the line of its first key
        assertUserError(compile(net("loihi", "projections:\n  - post: b\n    pre: input\n    connect: all_to_all\n"
                + "    weight: 1 mV\n")), net + ":9:10: unknown pre 'input': not a population or spiking input");
        // validation: the neurons_per_core entry, not the arch line
        assertUserError(compile(net("loihi", "mapping:\n  neurons_per_core: {a: 4, bb: 4}\n")),
                net + ":8:28: mapping.neurons_per_core names unknown population 'bb' (did you mean 'b'?)");
        // validation: the second pinned core, the one off the 2 x 2 chip
        assertUserError(compile(net("tiny", "mapping:\n  pin:\n    - {population: a, cores: [[0, 0], [5, 0]]}\n")),
                net + ":9:39: pinned core (5,0,0) is not on architecture tiny (2 x 2 routers, 1 cores each)");
        // lowering: the parameter that gives dv out of range
        String lif = "  - {name: c, size: 4, model: lif, params: {tau_m: 0.5 ms, v_rest: 0 mV, v_thresh: 1 mV, v_reset: 0 mV}}\n";
        assertUserError(compile(net("loihi", lif)), net + ":7:52: population 'c': dt/tau_m = 2.0 gives dv = 8192, out of"
                + " the datapath's range [0, 4095]; use a smaller dt or a longer tau_m");
        // reading: a neurons_per_core key that is not a name is an error, not a ClassCastException
        assertUserError(compile(net("loihi", "mapping:\n  neurons_per_core: {[a]: 4}\n")),
                net + ":8:22: 'neurons_per_core' keys are population names");
    }
}
