package dev.myelin.chip.energy;

import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PricingTest {
    // core 0: dense, router (0,0); core 1: sparse, router (1,0) -> 2 routers in use
    private static final List<CoreInfo> CORES = List.of(
            new CoreInfo(new CoreId(0, 0, 0), false, 10, 8),
            new CoreInfo(new CoreId(1, 0, 0), true, 5, 4));

    /**
     * neurons, updated, spikes, synEvents, messagesOut, messagesIn, learning, trace updates, device pulses, reads,
     * write fJ, read fJ. Core 1's 9 trace updates are counted, not priced: no expected figure below includes them.
     */
    private static long[] counts() {
        return new long[] {
            10, 4, 2, 6, 2, 0, 0, 0, 0, 0, 0, 0,
            5, 3, 0, 8, 0, 2, 3, 9, 1, 40, 118_149, 7};
    }

    @Test
    void dynamicEnergyByComponentIsCountsTimesTheCalibratedTable() {
        Pricing p = new Pricing(Profiles.loihiCalibrated(), CORES, 2, 2, 1, 0);
        double[] pj = new double[Component.COUNT];
        p.addDynamic(counts(), pj);
        p.addNetwork(2, 1, 0, pj);
        // synapse: 6 dense x 35.5 + 8 sparse x 33.6 = 213 + 268.8
        assertThat(pj[Component.SYNAPSE.ordinal()]).isCloseTo(481.8, within(1e-9));
        // neuron: core 0 10 x 51.2 + 4 x 21.6 + 2 x 69.3 = 737.0; core 1 5 x 51.2 + 3 x 21.6 = 320.8
        assertThat(pj[Component.NEURON.ordinal()]).isCloseTo(1057.8, within(1e-9));
        // network: 2 messages out x 111 + 2 in x 0 + 2 east-west hops x 3.0 + 1 north-south hop x 4.2
        assertThat(pj[Component.NETWORK.ordinal()]).isCloseTo(232.2, within(1e-9));
        assertThat(pj[Component.LEARNING.ordinal()]).isZero();
        // device: the devices' own energy, (118149 fJ written + 7 fJ read) / 1000 = 118.156 pJ, whatever the profile
        assertThat(pj[Component.DEVICE.ordinal()]).isCloseTo(118.156, within(1e-9));
    }

    /** Learning updates at the profile's price (3 x 120 pJ in davies2018); device energy as counted, 118.156 pJ. */
    @Test
    void learningAtTheProfilesPriceAndDevicesAtTheirOwn() {
        Pricing p = new Pricing(Profiles.loihiDavies2018(), CORES, 2, 2, 1, 0);
        double[] pj = new double[Component.COUNT];
        p.addDynamic(counts(), pj);
        assertThat(pj[Component.LEARNING.ordinal()]).isCloseTo(360, within(1e-9));
        assertThat(pj[Component.DEVICE.ordinal()]).isCloseTo(118.156, within(1e-9));
        double[] one = new double[Component.COUNT];
        p.addDynamic(counts(), 0, one);
        assertThat(one[Component.DEVICE.ordinal()]).isZero();
    }

    @Test
    void simpleLatencyIsBusiestCorePlusBarrier() {
        Pricing p = new Pricing(Profiles.loihiCalibrated(), CORES, 2, 2, 1, 0);
        // generation core 0: 10 x 6.0 + 4 x 3.7 + 2 x 30 + 2 x 5.1 = 145.0 ns
        assertThat(p.generationNs(counts(), 0)).isCloseTo(145.0, within(1e-9));
        // receive core 1: 2 x 16 + 8 x 4.7 = 69.6 ns
        assertThat(p.receiveNs(counts(), 1)).isCloseTo(69.6, within(1e-9));
        // max(145.0, 69.6) + 1.0 us barrier for 2 tiles
        assertThat(p.routersInUse()).isEqualTo(2);
        assertThat(p.simpleLatencyNs(counts())).isCloseTo(1145.0, within(1e-9));
    }

    @Test
    void daviesBarrierIsLinearBetween1And32Tiles() {
        Pricing p = new Pricing(Profiles.loihiDavies2018(), CORES, 2, 2, 1, 0);
        long[] idle = new long[2 * Activity.COUNT];
        // 113 ns + (465 - 113) / 31 per extra tile
        assertThat(p.simpleLatencyNs(idle)).isCloseTo(113 + 352.0 / 31, within(1e-9));
    }

    @Test
    void staticEnergyIsPowerOfTheWholeBoardTimesTime() {
        Pricing p = Pricing.forBoard(Profiles.truenorth(), CORES, Presets.require("tiny"));
        // 4 cores x (65 mW - 2.99 GSOPS x 2.5 pJ) / 4096 = 4 x 14.044 uW; over 1 ms (1e6 ns), mW x ns = pJ
        double perCoreMw = (65.0 - 65e-3 * 46e9 * 2.5e-12 * 1e3) / 4096;
        assertThat(perCoreMw).isCloseTo(0.014044, within(1e-6));
        assertThat(p.staticMw()).isCloseTo(4 * perCoreMw, within(1e-12));
        assertThat(p.staticPj(1e6)).isCloseTo(4 * perCoreMw * 1e6, within(1e-6));
    }

    @Test
    void truenorthFullChipAtTheTypicalPointReproducesItsTotals() {
        // 4096 cores, 2.99e6 synaptic events in one 1 ms tick: 65 mW -> 65 nJ per tick, 46 GSOPS/W
        Pricing p = Pricing.forBoard(Profiles.truenorth(), List.of(new CoreInfo(new CoreId(0, 0, 0), false, 256, 256)),
                Presets.require("truenorth"));
        long[] c = new long[Activity.COUNT];
        c[Activity.SYN_EVENTS.ordinal()] = 2_990_000;
        double[] pj = new double[Component.COUNT];
        p.addDynamic(c, pj);
        double total = pj[Component.SYNAPSE.ordinal()] + p.staticPj(1e6);
        assertThat(total).isCloseTo(65e6, within(1.0));
        assertThat(2.99e9 / (total * 1e-12 / 1e-3)).isCloseTo(46e9, within(1e6));
    }
}
