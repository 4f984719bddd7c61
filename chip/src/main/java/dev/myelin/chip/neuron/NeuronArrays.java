package dev.myelin.chip.neuron;

import dev.myelin.chip.core.NeuronArray;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.model.CoreImage;

/** Builds the {@link NeuronArray} of a core for the architecture's datapath. */
public final class NeuronArrays {
    private NeuronArrays() {
    }

    /**
     * @param random the core's generator (datapaths without stochastic modes ignore it)
     * @throws dev.myelin.isa.diag.MyelinInputException when the core's parameters do not fit the datapath
     */
    public static NeuronArray create(CoreImage core, Architecture arch, CoreRandom random) {
        if (core.input()) {
            dev.myelin.isa.model.ImageValidator.validateCore(arch, core);
            return new InputNeuronArray(core);
        }
        return switch (arch.datapath()) {
            case TRUENORTH -> new TrueNorthArray(core, arch, random);
            case LOIHI_CUBA -> new LoihiCubaArray(core, arch);
        };
    }

    /**
     * {@link #create} for a core of an image the caller has just validated whole
     * ({@link dev.myelin.isa.model.ImageValidator#validate}): the TrueNorth datapath then skips
     * checking the core again (on a full chip, a second pass over a million neurons' parameters).
     */
    public static NeuronArray createValidated(CoreImage core, Architecture arch, CoreRandom random) {
        if (!core.input() && arch.datapath() == dev.myelin.isa.arch.Datapath.TRUENORTH) {
            return new TrueNorthArray(core, arch, random, true);
        }
        return create(core, arch, random);
    }
}
