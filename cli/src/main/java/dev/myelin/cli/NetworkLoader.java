package dev.myelin.cli;

import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.TextFiles;
import dev.myelin.isa.spi.CompiledNetwork;
import dev.myelin.compiler.NirFrontend;
import dev.myelin.compiler.YamlFrontend;

import java.nio.file.Path;
import java.util.List;

/** Loads what {@code myelin run} runs: a {@code .nbin} binary, or a description the compiler compiles. */
final class NetworkLoader {
    private NetworkLoader() {
    }

    /**
     * @param archOverride a preset or architecture file for descriptions, or null
     * @return the network; a binary has no stimuli or probe requests and a 1 ms tick
     */
    static CompiledNetwork load(Path file, String archOverride) {
        return load(file, archOverride, null);
    }

    /** As {@link #load(Path, String)}; {@code dt} is the time step a NIR file needs ({@code --dt}), else null. */
    static CompiledNetwork load(Path file, String archOverride, String dt) {
        TextFiles.requireRegular(file, "network");
        String name = file.getFileName().toString().toLowerCase();
        if (NirFrontend.isNir(file)) {
            return NirFrontend.compile(file, NirFrontend.parseDt(dt, file), archOverride, java.util.Map.of()).network();
        }
        if (dt != null) {
            throw new MyelinInputException("--dt applies to NIR files; " + file + " sets its own time step");
        }
        if (name.endsWith(".nbin")) {
            if (archOverride != null) {
                throw new MyelinInputException("--arch applies to descriptions; " + file
                        + " is a binary compiled for its own architecture");
            }
            return new CompiledNetwork(NbinCodec.read(file), List.of(), List.of(), "");
        }
        YamlFrontend yaml = new YamlFrontend();
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !yaml.extensions().contains(name.substring(dot + 1))) {
            throw new MyelinInputException(file + ": unknown kind of network file (expected .nbin, or a description: "
                    + String.join(", ", yaml.extensions().stream().map(e -> "." + e).toList()) + "; or .nir with --dt)");
        }
        return yaml.compile(file, archOverride);
    }
}
