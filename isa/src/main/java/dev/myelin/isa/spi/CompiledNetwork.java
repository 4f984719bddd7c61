package dev.myelin.isa.spi;

import dev.myelin.isa.model.NetworkImage;

import java.util.List;

/**
 * What a frontend hands to the chip: the image (which carries the dt it was lowered for),
 * the description's input generators and probe requests, the human-readable mapping report,
 * and the compiler's warnings (each "FILE:LINE:COL: message"), which {@code run} prints as
 * {@code compile} does.
 */
public record CompiledNetwork(NetworkImage image, List<Stimulus> stimuli, List<ProbeRequest> probes,
                              String reportText, List<String> warnings) {
    public CompiledNetwork {
        stimuli = List.copyOf(stimuli);
        probes = List.copyOf(probes);
        warnings = List.copyOf(warnings);
    }

    /** A network without compiler warnings (a binary, or one built in Java). */
    public CompiledNetwork(NetworkImage image, List<Stimulus> stimuli, List<ProbeRequest> probes, String reportText) {
        this(image, stimuli, probes, reportText, List.of());
    }
}
