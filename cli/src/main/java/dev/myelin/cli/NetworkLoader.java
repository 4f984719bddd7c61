package dev.myelin.cli;

import dev.myelin.compiler.ir.InputDelivery;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.TextFiles;
import dev.myelin.isa.spi.CompiledNetwork;
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

    /**
     * @param inputs how every spiking input of a description reaches the chip ({@code --input-delivery}), or null
     *               for what the description says
     */
    static CompiledNetwork load(Path file, String archOverride, String inputs) {
        TextFiles.requireRegular(file, "network");
        String name = file.getFileName().toString().toLowerCase();
        if (name.endsWith(".nbin")) {
            if (archOverride != null) {
                throw new MyelinInputException("--arch applies to descriptions; " + file
                        + " is a binary compiled for its own architecture");
            }
            if (inputs != null) {
                throw new MyelinInputException("--input-delivery applies to descriptions; " + file
                        + " is a binary whose inputs were placed when it was compiled");
            }
            return new CompiledNetwork(NbinCodec.read(file), List.of(), List.of(), "");
        }
        YamlFrontend yaml = new YamlFrontend();
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !yaml.extensions().contains(name.substring(dot + 1))) {
            throw new MyelinInputException(file + ": unknown kind of network file (expected .nbin, or a description: "
                    + String.join(", ", yaml.extensions().stream().map(e -> "." + e).toList()) + ")");
        }
        return yaml.compile(file, archOverride, inputDelivery(inputs));
    }

    /** The {@code --input-delivery} option's value ({@code axons} or {@code on-chip}), or null when absent. */
    static InputDelivery inputDelivery(String option) {
        if (option == null) {
            return null;
        }
        return InputDelivery.byId(option).orElseThrow(() -> new MyelinInputException("--input-delivery " + option
                + ": expected axons (inject straight into the target axons) or on-chip (input neurons on input"
                + " cores send messages through the mesh)"));
    }
}
