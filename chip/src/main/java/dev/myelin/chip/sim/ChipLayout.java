package dev.myelin.chip.sim;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreGrid;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;

import java.util.List;

/**
 * The used cores of a loaded image, numbered 0..cores()-1 in the image's order (sorted by
 * {@link CoreId}); every per-core array of the chip (counters, spikes, buffers) uses this
 * index. Immutable.
 */
public final class ChipLayout {
    private final NetworkImage image;
    private final Architecture arch;
    private final CoreId[] ids;
    private final int[] axons;
    private final int[] neurons;
    private final CoreGrid grid;

    ChipLayout(NetworkImage image) {
        this.image = image;
        this.arch = image.arch();
        List<CoreImage> cores = image.cores();
        this.ids = new CoreId[cores.size()];
        this.axons = new int[cores.size()];
        this.neurons = new int[cores.size()];
        for (int c = 0; c < ids.length; c++) {
            CoreImage ci = cores.get(c);
            ids[c] = ci.id();
            axons[c] = ci.axonCount();
            neurons[c] = ci.neuronCount();
        }
        try {
            this.grid = new CoreGrid(cores, arch.coresPerRouter());
        } catch (IllegalArgumentException twice) {
            throw new MyelinInputException(twice.getMessage());
        }
    }

    /** The image laid out. */
    public NetworkImage image() {
        return image;
    }

    public Architecture arch() {
        return arch;
    }

    public int cores() {
        return ids.length;
    }

    public CoreId core(int c) {
        return ids[c];
    }

    /** The index of a used core, or -1 if the image does not use it. */
    public int indexOf(CoreId id) {
        return grid.indexOf(id);
    }

    /** The index of the used core at {@code (x, y, slot)}, or -1; allocates nothing. */
    public int indexOf(int x, int y, int slot) {
        return grid.indexOf(x, y, slot);
    }

    /** Axons used on core {@code c}. */
    public int axons(int c) {
        return axons[c];
    }

    /** Neurons used on core {@code c}. */
    public int neurons(int c) {
        return neurons[c];
    }
}
