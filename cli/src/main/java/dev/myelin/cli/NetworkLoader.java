package dev.myelin.cli;

import dev.myelin.compiler.ir.InputDelivery;
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
        return load(file, archOverride, null, null);
    }

    /** NIR files take their inputs as the importer places them: {@code --input-delivery} is refused for them. */
    static void refuseInputDeliveryFor(Path nir, String inputs) {
        if (inputs != null) {
            throw new MyelinInputException("--input-delivery applies to descriptions; " + nir
                    + " is a NIR file, whose inputs are injected into the target axons");
        }
    }

    /**
     * @param inputs how every spiking input of a description reaches the chip ({@code --input-delivery}), or null
     *               for what the description says
     * @param dt     the time step a NIR file needs ({@code --dt}), else null
     */
    static CompiledNetwork load(Path file, String archOverride, String inputs, String dt) {
        TextFiles.requireRegular(file, "network");
        String name = file.getFileName().toString().toLowerCase();
        if (NirFrontend.isNir(file)) {
            refuseInputDeliveryFor(file, inputs);
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
                    + String.join(", ", yaml.extensions().stream().map(e -> "." + e).toList()) + "; or .nir with --dt)");
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
