package dev.myelin.isa.spi;

import dev.myelin.isa.model.NetworkImage;

import java.util.List;

/**
 * What a frontend hands to the chip: the image (which carries the dt it was lowered for),
 * the description's input generators and probe requests, and the human-readable mapping report.
 */
public record CompiledNetwork(NetworkImage image, List<Stimulus> stimuli, List<ProbeRequest> probes,
                              String reportText) {
    public CompiledNetwork {
        stimuli = List.copyOf(stimuli);
        probes = List.copyOf(probes);
    }
}
