package dev.myelin.isa.model;

import java.util.List;

/**
 * A population's placement: which neurons of which cores hold it, so probes and reports
 * speak in population names. Range {@code r} holds population indices
 * {@code r.popStart() .. r.popStart()+r.count()-1} in neurons {@code r.neuronStart()..} of {@code r.core()}.
 */
public record Symbol(String population, int size, List<Range> ranges) {
    public Symbol {
        ranges = List.copyOf(ranges);
    }

    public record Range(CoreId core, int neuronStart, int count, int popStart) {
    }
}
