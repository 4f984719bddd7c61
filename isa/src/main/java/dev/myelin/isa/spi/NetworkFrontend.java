package dev.myelin.isa.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Turns a network description file into a {@link CompiledNetwork}. Implemented by the
 * compiler and registered in {@code META-INF/services/dev.myelin.isa.spi.NetworkFrontend}.
 */
public interface NetworkFrontend {
    /** File name extensions this frontend reads, lower case, without the dot ({@code yaml}, {@code nir}). */
    List<String> extensions();

    /**
     * Compiles a description.
     *
     * @param description the file
     * @param archOverride a preset name or architecture file replacing the description's target, or null
     * @throws dev.myelin.isa.diag.MyelinInputException for every user error (file:line:col)
     */
    CompiledNetwork compile(Path description, String archOverride);

    /** The frontend that reads {@code file}, if one is on the class path. */
    static Optional<NetworkFrontend> forFile(Path file) {
        String name = file.getFileName().toString().toLowerCase();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return ServiceLoader.load(NetworkFrontend.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.extensions().contains(ext)).findFirst();
    }
}
