package dev.myelin.chip.timing;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.noc.Mesh;
import dev.myelin.chip.noc.TrafficStats;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.OutputSpike;
import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The mesh plugged into the tick engine: same spikes as direct delivery, timing that shows the hops, lateness. */
class MeshNetworkTest {
    /** Core A at x = 0 and core B at x = 5 on the TrueNorth mesh bounce one spike back and forth, delay 1. */
    static TnNet pingPong() {
        return pingPong(new TnNet(), new CoreId(0, 0, 0));
    }

    /** The ping-pong with core A at {@code at} and core B five routers east of it. */
    static TnNet pingPong(TnNet net, CoreId at) {
        TnNet.TnCore a = net.core(at, 2, 2);
        TnNet.TnCore b = net.core(new CoreId(at.x() + 5, at.y(), at.slot()), 1, 1);
        for (TnNet.TnCore c : new TnNet.TnCore[] {a, b}) {
            c.p.alpha()[0] = 1;
            c.p.weights()[0] = 1;
            c.connect(0, 0, 0);
        }
        a.connect(1, 0, 0);
        a.target(0, 5, 0, 1);
        b.target(0, -5, 1, 1);
        net.input("in", a.id, 0).output("a", a.id, 0).output("b", b.id, 0);
        return net;
    }

    static NetworkImage withArch(NetworkImage img, ArchParam p, double value) {
        return new NetworkImage(img.arch().toBuilder().set(p, value).build("test"), img.flags(), img.cores(),
                img.inputs(), img.outputs(), img.symbols());
    }

    private static List<OutputSpike> run(NetworkImage img, ChipOptions options, int ticks) {
        try (Chip chip = Chip.load(img, options)) {
            chip.inject("in", 0, 0);
            chip.run(ticks);
            return chip.outputSpikes();
        }
    }

    @Test
    void twoCoresExchangingSpikesAcrossTheMeshGiveTheSameSpikesAsDirectDelivery() {
        NetworkImage img = pingPong().image();
        List<OutputSpike> direct = run(img, ChipOptions.defaults(), 10);
        // A fires in even ticks, B in odd ticks
        assertThat(direct).hasSize(10).contains(new OutputSpike("a", 0, 0), new OutputSpike("b", 0, 1),
                new OutputSpike("a", 0, 8), new OutputSpike("b", 0, 9));
        for (TimingMode mode : TimingMode.values()) {
            assertThat(run(img, ChipOptions.defaults().withNetwork(MeshNetwork.factory(mode)), 10))
                    .as(mode.id()).isEqualTo(direct);
        }
    }

    @Test
    void coresSharingARouterExchangeZeroHopMessages() {
        // two cores per router: core (0,0,1) sends to core (0,0,0) through their router only
        TnNet net = new TnNet().arch(Presets.require("truenorth").toBuilder()
                .set(ArchParam.CORES_PER_ROUTER, 2).build("test"));
        TnNet.TnCore a = net.core(new CoreId(0, 0, 1), 1, 1);
        TnNet.TnCore b = net.core(new CoreId(0, 0, 0), 1, 1);
        for (TnNet.TnCore c : new TnNet.TnCore[] {a, b}) {
            c.p.alpha()[0] = 1;
            c.p.weights()[0] = 1;
            c.connect(0, 0, 0);
        }
        a.target(0, 0, 0, 1);
        net.input("in", a.id, 0).output("b", b.id, 0);
        MeshNetwork.Factory f = MeshNetwork.factory(TimingMode.CYCLE);
        NetworkImage img = net.image();
        assertThat(run(img, ChipOptions.defaults().withNetwork(f), 3)).isEqualTo(run(img, ChipOptions.defaults(), 3))
                .containsExactly(new OutputSpike("b", 0, 1));
        TrafficStats s = f.network().traffic();
        assertThat(s.messages()).isEqualTo(1);
        assertThat(s.hopTotal()).isZero();
        // injection 2 + ejection 1, no hop
        assertThat(s.packetLatency().max()).isEqualTo(3);
        // mesh core = router * coresPerRouter + slot: slots 0 and 1 of router 0
        assertThat(new int[] {f.network().meshCore(0), f.network().meshCore(1)}).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void perTickTimingShowsTheHops() {
        MeshNetwork.Factory f = MeshNetwork.factory(TimingMode.CYCLE);
        List<TickTiming> ticks = new ArrayList<>();
        try (Chip chip = Chip.load(pingPong().image(), ChipOptions.defaults().withNetwork(f))) {
            f.network().addTickListener(ticks::add);
            chip.inject("in", 0, 0);
            chip.run(2);
        }
        // TrueNorth preset: 1 GHz, synaptic op 1 ns, neuron update 4 ns (active or not), spike out 2 ns,
        // spike in 1 ns, hop 2 cycles, injection 2, ejection 1, no barrier cost.
        // Tick 0: A integrates 1 event (1 ns), updates 2 neurons (8 ns), sends 1 message (2 ns): created at
        // cycle 11; 5 hops east: arrives 11 + 2 + 5 x 2 + 1 = 24; B receives it by 25 ns.
        TickTiming t0 = ticks.get(0);
        assertThat(t0.messages()).isEqualTo(1);
        assertThat(t0.hops()).isEqualTo(5);
        assertThat(t0.computeNs()).isCloseTo(11.0, within(1e-9));
        assertThat(t0.networkNs()).isCloseTo(25.0, within(1e-9));
        assertThat(t0.ns()).isCloseTo(25.0, within(1e-9));
        assertThat(t0.cycles()).isEqualTo(25);
        assertThat(t0.critical()).isEqualTo("link (0,0) east");
        assertThat(t0.fitsPeriod()).isTrue();
        // simple mode on the same counts: max(generation 8 + 2, receive 1 + 1) = 10 ns, hops not counted
        assertThat(t0.simpleNs()).isCloseTo(10.0, within(1e-9));
        // Tick 1: B (1 event, 1 neuron, 1 message) sends west: created at 1 + 4 + 2 = 7, arrives 7 + 13 = 20, done 21
        TickTiming t1 = ticks.get(1);
        assertThat(t1.ns()).isCloseTo(21.0, within(1e-9));
        assertThat(t1.critical()).isEqualTo("link (1,0) west");
        TrafficStats s = f.network().traffic();
        assertThat(s.messages()).isEqualTo(2);
        assertThat(s.hopTotal()).isEqualTo(10);
        for (int x = 0; x < 5; x++) {
            assertThat(s.linkPackets(x, Mesh.EAST)).isEqualTo(1);
            assertThat(s.linkPackets(x + 1, Mesh.WEST)).isEqualTo(1);
        }
        assertThat(s.packetLatency().min()).isEqualTo(13);
        assertThat(s.packetLatency().max()).isEqualTo(13);
        assertThat(f.network().summary().ticks()).isEqualTo(2);
        assertThat(f.network().summary().realTime()).isTrue();
        assertThat(s.statsLines("noc", f.network().mesh())).contains(
                "noc.messages 2 # messages: one per firing neuron and destination core\n",
                "noc.hops 10 # ", "noc.packet_latency.mean 13.0000 # ", "noc.link_0_0_east.packets 1 # ",
                "noc.link_5_0_west.packets 1 # ").doesNotContain("link_5_0_east");
        assertThat(s.booksimSummary()).startsWith("Packet latency average = 13.0000\n\tminimum = 13\n");
        assertThat(t0.csvRow()).isEqualTo("0,cycle,25.000,25,10.000,11.000,25.000,0.000,\"link (0,0) east\",true,1,5,0,0,0");
    }

    @Test
    void simpleModeCountsTheSameTrafficWithoutContention() {
        MeshNetwork.Factory f = MeshNetwork.factory(TimingMode.SIMPLE);
        try (Chip chip = Chip.load(pingPong().image(), ChipOptions.defaults().withNetwork(f))) {
            chip.inject("in", 0, 0);
            chip.run(2);
        }
        assertThat(f.network().summary().ticks()).isEqualTo(2);
        TickTiming t1 = f.network().lastTick();
        assertThat(t1.mode()).isEqualTo(TimingMode.SIMPLE);
        // tick 1: generation A = 2 idle updates x 4 = 8 ns, B = 4 + 2 = 6 ns; receive A = 1 message x 1 ns,
        // B = 1 synaptic event x 1 ns: max = 8 ns, no barrier cost
        assertThat(t1.ns()).isCloseTo(8.0, within(1e-9));
        assertThat(t1.critical()).isEqualTo("core (0,0,0) generation");
        assertThat(t1.networkNs()).isZero();
        assertThat(f.network().traffic().hopTotal()).isEqualTo(10);
        assertThat(f.network().traffic().packetLatency().mean()).isEqualTo(13.0);
    }

    @Test
    void aSpikeArrivingInItsDueTickIsLateAndThePolicyDecides() {
        // a 20 ns tick period: the tick-0 message arrives at 24 ns, during tick 1, which is its due tick
        NetworkImage late = withArch(pingPong().latePolicy("deliver-late").image(), ArchParam.TICK_PERIOD_US, 0.02);
        MeshNetwork.Factory f = MeshNetwork.factory(TimingMode.CYCLE);
        try (Chip chip = Chip.load(late, ChipOptions.defaults().withNetwork(f))) {
            chip.inject("in", 0, 0);
            chip.run(3);
            // delivered in the tick after its arrival: B fires in tick 2 instead of 1
            assertThat(chip.outputSpikes()).containsExactly(new OutputSpike("a", 0, 0), new OutputSpike("b", 0, 2));
            assertThat(chip.counters().get(1, Counter.SPIKES_LATE)).isEqualTo(1);
            assertThat(chip.counters().get(1, Counter.SPIKES_DROPPED)).isZero();
        }
        MeshNetwork net = f.network();
        TrafficStats s = net.traffic();
        // B's reply in tick 2 arrives at 7 + 13 = 20 ns: the start of tick 3, its due tick, so late too
        assertThat(s.late()).isEqualTo(2);
        assertThat(s.dropped()).isZero();
        assertThat(s.lateAtCore(net.meshCore(1))).isEqualTo(1);
        assertThat(s.lateAtCore(net.meshCore(0))).isEqualTo(1);
        assertThat(s.lateOnLink(1, Mesh.WEST)).isEqualTo(1);
        for (int x = 0; x < 5; x++) {
            assertThat(s.lateOnLink(x, Mesh.EAST)).isEqualTo(1);
        }
        // ticks 0 and 2 carry a message (25 ns and 21 ns, see perTickTimingShowsTheHops) against a 20 ns period
        assertThat(net.summary().ticksOverPeriod()).isEqualTo(2);

        NetworkImage dropped = withArch(pingPong().latePolicy("drop").image(), ArchParam.TICK_PERIOD_US, 0.02);
        MeshNetwork.Factory g = MeshNetwork.factory(TimingMode.CYCLE);
        try (Chip chip = Chip.load(dropped, ChipOptions.defaults().withNetwork(g))) {
            chip.inject("in", 0, 0);
            chip.run(3);
            assertThat(chip.outputSpikes()).containsExactly(new OutputSpike("a", 0, 0));
            assertThat(chip.counters().get(1, Counter.SPIKES_DROPPED)).isEqualTo(1);
        }
        assertThat(g.network().traffic().dropped()).isEqualTo(1);
        assertThat(g.network().traffic().droppedOnLink(4, Mesh.EAST)).isEqualTo(1);
    }

    @Test
    void aSmallImageOnAHugeBoardModelsOnlyTheRoutersItUses() {
        // 64 x 12 TrueNorth chips = a 4,096 x 768 router board (3.1 million routers). Core A at board router
        // (4030, 700), core B five routers east at (4035, 700): the chip boundary between columns 4031 and 4032
        // (4032 = 63 x 64) lies on their path, so each message crosses one chip-to-chip link.
        NetworkImage img = pingPong(new TnNet().arch(Presets.require("truenorth").toBuilder()
                .set(ArchParam.CHIPS_X, 64).set(ArchParam.CHIPS_Y, 12).build("board")), new CoreId(4030, 700, 0)).image();
        List<OutputSpike> direct = run(img, ChipOptions.defaults(), 10);
        assertThat(direct).isEqualTo(run(pingPong().image(), ChipOptions.defaults(), 10));
        for (TimingMode mode : TimingMode.values()) {
            MeshNetwork.Factory f = MeshNetwork.factory(mode);
            assertThat(run(img, ChipOptions.defaults().withNetwork(f), 10)).as(mode.id()).isEqualTo(direct);
            MeshNetwork n = f.network();
            // the modelled region: the 6 x 1 routers the two cores span, at board column 4030, row 700
            assertThat(n.mesh().config().routers()).isEqualTo(6);
            assertThat(n.mesh().config().originX()).isEqualTo(4030);
            assertThat(n.mesh().config().originY()).isEqualTo(700);
            assertThat(new int[] {n.meshCore(0), n.meshCore(1)}).containsExactly(0, 5);
            TrafficStats s = n.traffic();
            // 10 messages of 5 hops, each over the one chip boundary
            assertThat(s.messages()).isEqualTo(10);
            assertThat(s.hopTotal()).isEqualTo(50);
            assertThat(s.chipLinkCrossings()).isEqualTo(10);
            assertThat(s.statsLines("noc", n.mesh())).contains("noc.link_4030_700_east.packets 5 # ",
                    "noc.link_4035_700_west.packets 5 # ");
        }
        // cycle timing: tick 0's message is created at 11 ns, crosses 5 links of 2 cycles plus one
        // chip link of the preset's board.chipLinkCycles, and arrives before the 1 ms tick ends
        MeshNetwork.Factory f = MeshNetwork.factory(TimingMode.CYCLE);
        List<TickTiming> ticks = new ArrayList<>();
        try (Chip chip = Chip.load(img, ChipOptions.defaults().withNetwork(f))) {
            f.network().addTickListener(ticks::add);
            chip.inject("in", 0, 0);
            chip.run(1);
        }
        long link = img.arch().chipLinkCycles();
        assertThat(ticks.get(0).cycles()).isEqualTo(25 + link);
        assertThat(ticks.get(0).critical()).isEqualTo("link (4030,700) east");
    }
}
