package dev.myelin.compiler.ir;

import java.util.List;
import java.util.Optional;

/**
 * A whole network description: the product of the source reader or the {@link NetworkBuilder}.
 *
 * @param arch  a preset name or an architecture file path (resolved relative to the description)
 * @param dtMs  the tick length the network is lowered for
 */
public record Network(String name, String arch, String archWhere, double dtMs, List<Population> populations,
                      List<InputSource> inputs, List<Projection> projections, List<Probe> probes,
                      MappingHints hints) {
    public Network {
        populations = List.copyOf(populations);
        inputs = List.copyOf(inputs);
        projections = List.copyOf(projections);
        probes = List.copyOf(probes);
    }

    public Optional<Population> population(String name) {
        return populations.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<InputSource> input(String name) {
        return inputs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** True when spiking input {@code name} is placed on the chip as input neurons ({@link InputDelivery#ON_CHIP}). */
    public boolean onChip(String name) {
        return hints.delivery(name) == InputDelivery.ON_CHIP;
    }

    /** The same network with every spiking input delivered by {@code all} (overriding the description). */
    public Network withInputs(InputDelivery all) {
        return new Network(name, arch, archWhere, dtMs, populations, inputs, projections, probes, hints.withInputs(all));
    }
}
