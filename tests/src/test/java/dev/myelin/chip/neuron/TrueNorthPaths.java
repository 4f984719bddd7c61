package dev.myelin.chip.neuron;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.model.CoreImage;

/**
 * The switch between a TrueNorth core's fast paths and its general ones (package-private in
 * {@link TrueNorthArray}, where TrueNorthFastPathTest uses it), opened for the kernel benchmarks.
 */
public final class TrueNorthPaths {
    private TrueNorthPaths() {
    }

    /** The core with its fast paths on (the default) or off: the general integration and update. */
    public static TrueNorthArray create(CoreImage core, Architecture arch, CoreRandom random, boolean fast) {
        TrueNorthArray a = new TrueNorthArray(core, arch, random);
        a.fastPaths = fast;
        return a;
    }

    /** The update path the core takes with its fast paths on: "uniform", "deterministic" or "general". */
    public static String updatePath(TrueNorthArray a) {
        return a.updatePath();
    }

    /** Whether integration takes the shared-weight path when the fast paths are on. */
    public static boolean sharedWeights(TrueNorthArray a) {
        return a.sharedWeights();
    }
}
