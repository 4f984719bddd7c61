package dev.myelin.isa.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * Turns a network description file into a {@link CompiledNetwork}: the contract between a
 * description language (the compiler's YAML frontend) and whoever runs the result (the
 * command line hands it to the chip's run session).
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
}
