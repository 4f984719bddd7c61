package dev.myelin.chip.energy;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * A named, cited table of per-event energies and latencies, static powers and the
 * end-of-tick barrier: the data a run is priced with. Immutable.
 *
 * @param name     the id users type ({@code loihi-davies2018})
 * @param label    how every figure priced with it is labelled
 * @param source   the citation
 * @param values   one value per {@link EnergyParam}, by ordinal, in the parameter's unit
 * @param sync     barrier time per tick as a function of routers (tiles) in use
 * @param notes    per-parameter remarks: derivations, estimates, values the source lacks
 */
public record EnergyProfile(String name, String label, String source, double[] values, SyncTable sync,
                            Map<EnergyParam, String> notes) {
    public EnergyProfile {
        if (values.length != EnergyParam.all().size()) {
            throw new IllegalArgumentException("profile " + name + ": " + values.length + " values for "
                    + EnergyParam.all().size() + " parameters");
        }
        values = values.clone();
        notes = notes.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(notes));
    }

    public double get(EnergyParam p) {
        return values[p.ordinal()];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnergyProfile p && name.equals(p.name) && label.equals(p.label)
                && source.equals(p.source) && Arrays.equals(values, p.values) && sync.equals(p.sync)
                && notes.equals(p.notes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "EnergyProfile[" + name + "]";
    }

    /** Collects values for one profile; every parameter must be set before {@link #build}. */
    public static final class Builder {
        private final String name;
        private String label;
        private String source = "";
        private final double[] values = new double[EnergyParam.all().size()];
        private final boolean[] set = new boolean[EnergyParam.all().size()];
        private SyncTable sync = SyncTable.NONE;
        private final Map<EnergyParam, String> notes = new EnumMap<>(EnergyParam.class);

        public Builder(String name) {
            this.name = name;
            this.label = name;
        }

        /** Starts from another profile's values (for {@code extends:}). */
        public Builder from(EnergyProfile base) {
            for (EnergyParam p : EnergyParam.all()) {
                set(p, base.get(p));
            }
            sync = base.sync();
            notes.putAll(base.notes());
            return this;
        }

        public Builder label(String l) {
            label = l;
            return this;
        }

        public Builder source(String s) {
            source = s;
            return this;
        }

        public Builder sync(SyncTable t) {
            sync = t;
            return this;
        }

        public Builder set(EnergyParam p, double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(p.key() + " = " + v + " must be a finite number >= 0");
            }
            values[p.ordinal()] = v;
            set[p.ordinal()] = true;
            return this;
        }

        /** Sets an energy and its latency in one call. */
        public Builder event(EnergyParam energyPj, double pj, EnergyParam timeNs, double ns) {
            return set(energyPj, pj).set(timeNs, ns);
        }

        public Builder note(EnergyParam p, String text) {
            notes.put(p, text);
            return this;
        }

        public boolean isSet(EnergyParam p) {
            return set[p.ordinal()];
        }

        public EnergyProfile build() {
            for (EnergyParam p : EnergyParam.all()) {
                if (!set[p.ordinal()]) {
                    throw new IllegalStateException("profile " + name + ": " + p.key() + " not set");
                }
            }
            return new EnergyProfile(name, label, source, values, sync, notes);
        }
    }
}
