package dev.myelin.chip.learn;

import dev.myelin.chip.core.NeuronArray;
import dev.myelin.chip.neuron.CoreRandom;
import dev.myelin.chip.neuron.LoihiCubaArray;
import dev.myelin.isa.codec.LearningCodec;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.SparseRows;

/** Load-time entry of the learning engine: wraps a core's datapath when its image carries a learning section. */
public final class Learning {
    /**
     * Mixed into the chip seed for the learning generators, so that a core's learning draws
     * form a stream of their own, apart from its neurons' (ASCII "LEARNING").
     */
    public static final long SEED_SALT = 0x4C4541524E494E47L;

    private Learning() {
    }

    /**
     * The datapath {@code neurons} of core {@code ci} with the learning engine its learning
     * section describes.
     *
     * @throws MyelinInputException when the section does not decode or the core is not a Loihi core
     */
    public static NeuronArray wrap(NeuronArray neurons, CoreImage ci, CoreRandom random) {
        if (!(neurons instanceof LoihiCubaArray loihi) || !(ci.synapses() instanceof SparseRows rows)) {
            throw new MyelinInputException("core " + ci.id() + ": a learning section on a core that is not a Loihi"
                    + " core (only loihi-cuba cores learn)");
        }
        try {
            return new LearningCore(loihi, rows, LearningCodec.decode(ci.learning(), ci.axonCount(), rows.post().length),
                    random);
        } catch (MyelinInputException e) {
            throw new MyelinInputException("core " + ci.id() + ": " + e.getMessage());
        }
    }
}
