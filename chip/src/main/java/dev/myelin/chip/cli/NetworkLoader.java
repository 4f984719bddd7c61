package dev.myelin.chip.cli;

import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.TextFiles;
import dev.myelin.isa.spi.CompiledNetwork;
import dev.myelin.isa.spi.NetworkFrontend;

import java.nio.file.Path;
import java.util.List;

/** Loads what {@code myelin run} runs: a {@code .nbin} binary, or a description compiled by a frontend. */
final class NetworkLoader {
    private NetworkLoader() {
    }

    /**
     * @param archOverride a preset or architecture file for descriptions, or null
     * @return the network; a binary has no stimuli or probe requests and a 1 ms tick
     */
    static CompiledNetwork load(Path file, String archOverride) {
        TextFiles.requireRegular(file, "network");
        String name = file.getFileName().toString().toLowerCase();
        if (name.endsWith(".nbin")) {
            if (archOverride != null) {
                throw new MyelinInputException("--arch applies to descriptions; " + file
                        + " is a binary compiled for its own architecture");
            }
            return new CompiledNetwork(NbinCodec.read(file), List.of(), List.of(), "");
        }
        NetworkFrontend f = NetworkFrontend.forFile(file).orElseThrow(() -> new MyelinInputException(file
                + ": unknown kind of network file (expected .nbin, or a description such as .yaml with the "
                + "compiler on the class path)"));
        return f.compile(file, archOverride);
    }
}
