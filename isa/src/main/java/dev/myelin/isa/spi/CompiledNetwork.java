package dev.myelin.isa.spi;

import dev.myelin.isa.model.NetworkImage;

import java.nio.file.Path;
import java.util.List;

/**
 * What a frontend hands to the chip: the image (which carries the dt it was lowered for),
 * the description's input generators and probe requests, the human-readable mapping report,
 * the compiler's warnings (each "FILE:LINE:COL: message"), which {@code run} prints as
 * {@code compile} does, and the other files the description made the frontend read (data
 * files, an architecture file), which {@code run} must not overwrite.
 */
public record CompiledNetwork(NetworkImage image, List<Stimulus> stimuli, List<ProbeRequest> probes,
                              String reportText, List<String> warnings, List<Path> sources) {
    public CompiledNetwork {
        stimuli = List.copyOf(stimuli);
        probes = List.copyOf(probes);
        warnings = List.copyOf(warnings);
        sources = List.copyOf(sources);
    }

    /** A network without compiler warnings or other files (a binary, or one built in Java). */
    public CompiledNetwork(NetworkImage image, List<Stimulus> stimuli, List<ProbeRequest> probes, String reportText) {
        this(image, stimuli, probes, reportText, List.of(), List.of());
    }
}
