package dev.myelin.isa.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A named input or output port. Input: line {@code i} drives axon {@code entries.get(i)};
 * several lines may share one name only through distinct entries. Output: line {@code i}
 * reports spikes of neuron {@code entries.get(i)}.
 *
 * <p>An input port also maps the description's input lines onto its port lines, so users
 * address an input by the description's indices ({@code sourceLines} of them): a spike on
 * description line {@code k} drives every port line {@code i} with {@code line[i] == k},
 * {@code lead[i]} ticks later (the projection's delay minus the one tick every spike takes).
 * A line feeding two projections has two port lines; a delayed projection has a lead.
 * Output ports, and input ports written by hand, are the identity: line i, lead 0.
 *
 * @param sourceLines lines of the description's input
 * @param line        per port line, the description line it copies (not copied: treat as read-only)
 * @param lead        per port line, ticks from the description's spike to driving the axon
 */
public record Port(String name, List<PortEntry> entries, int sourceLines, int[] line, int[] lead) {
    public Port {
        entries = List.copyOf(entries);
        Objects.requireNonNull(line);
        Objects.requireNonNull(lead);
        if (line.length != entries.size() || lead.length != entries.size()) {
            throw new IllegalArgumentException("port " + name + ": " + entries.size() + " entries, " + line.length
                    + " lines, " + lead.length + " leads");
        }
    }

    /** A port whose line i is the description's line i, driven without lead. */
    public Port(String name, List<PortEntry> entries) {
        this(name, entries, entries.size(), identity(entries.size()), new int[entries.size()]);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** True when port line i is description line i with no lead, for every line. */
    public boolean identity() {
        if (sourceLines != entries.size()) {
            return false;
        }
        for (int i = 0; i < line.length; i++) {
            if (line[i] != i || lead[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Port p && name.equals(p.name) && entries.equals(p.entries) && sourceLines == p.sourceLines
                && Arrays.equals(line, p.line) && Arrays.equals(lead, p.lead);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, entries, sourceLines, Arrays.hashCode(line), Arrays.hashCode(lead));
    }

    @Override
    public String toString() {
        return "Port[" + name + ", " + entries + (identity() ? "" : ", sourceLines=" + sourceLines + ", line="
                + Arrays.toString(line) + ", lead=" + Arrays.toString(lead)) + "]";
    }
}
