package dev.myelin.compiler.route;

import dev.myelin.compiler.ir.IntBuf;

/**
 * The axons and synapses of one core while they are being allocated. Axon {@code a} carries
 * spikes of source neuron or input line {@code srcIndex} of source {@code src} (population
 * index, or {@code -1 - input index}) with delay {@code delay}, for projection {@code proj}.
 * Synapse {@code k} joins axon {@code synAxon[k]} to local neuron {@code synPost[k]} with the
 * stored weight {@code synWeight[k]}.
 */
public final class CoreAxons {
    final IntBuf src;
    final IntBuf srcIndex;
    final IntBuf delay;
    final IntBuf proj;
    final IntBuf synAxon;
    final IntBuf synPost;
    final IntBuf synWeight;
    /** Axon types once assigned (TrueNorth G, Loihi format index). */
    int[] type;

    /** Sized for the axons and synapses the partition measured (TrueNorth copies may add axons). */
    CoreAxons(int axons, int synapses) {
        src = new IntBuf(axons);
        srcIndex = new IntBuf(axons);
        delay = new IntBuf(axons);
        proj = new IntBuf(axons);
        synAxon = new IntBuf(synapses);
        synPost = new IntBuf(synapses);
        synWeight = new IntBuf(synapses);
    }

    int addAxon(int source, int index, int d, int projection) {
        src.add(source);
        srcIndex.add(index);
        delay.add(d);
        proj.add(projection);
        return src.size() - 1;
    }

    /** The index (in the network's order) of the projection axon {@code a} carries. */
    public int projection(int a) {
        return proj.get(a);
    }

    public int axons() {
        return src.size();
    }

    void addSynapse(int axon, int post, int weight) {
        synAxon.add(axon);
        synPost.add(post);
        synWeight.add(weight);
    }

    public int synapses() {
        return synAxon.size();
    }

    /** The projection (index into the network's projections) axon {@code a} belongs to. */
    public int proj(int a) {
        return proj.get(a);
    }

    public int synAxon(int k) {
        return synAxon.get(k);
    }

    public int synPost(int k) {
        return synPost.get(k);
    }

    public int synWeight(int k) {
        return synWeight.get(k);
    }

    /** Axon types (length = axons). */
    public int[] types() {
        return type.clone();
    }
}
