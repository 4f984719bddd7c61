package dev.myelin.chip.sim;

import dev.myelin.chip.dist.BoardNet;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chip-to-chip links of the ideal network: a crossing spike comes off its link in the tick before it is due. */
class ChipLinksTest {
    /** Records deliveries as "core/axon@due". */
    private static final class Recorder implements DeliverySink {
        final List<String> got = new ArrayList<>();

        @Override
        public void deliver(int core, int axon, long dueTick) {
            got.add(core + "/" + axon + "@" + dueTick);
        }

        @Override
        public void deliver(int core, int axon, long dueTick, long arrivalTick) {
            throw new AssertionError("the links deliver on time");
        }
    }

    @Test
    void aCrossingSpikeComesOffTheLinkTheTickBeforeItIsDue() {
        // BoardNet: 2 x 2 chips of 2 x 2 cores, one core per router, cores in row order of a 4 x 4 grid:
        // core 0 (0,0) and core 1 (1,0) are on chip 0, core 2 (2,0) on chip 1; the tiny preset has 16 delay slots
        NetworkImage image = BoardNet.image(1);
        ChipLinks links = ChipLinks.of(new ChipLayout(image));
        assertEquals(16, image.arch().delaySlots());
        assertFalse(links.hold(0, 1, 5, 10, 4), "within a chip: delivered at once");
        assertFalse(links.hold(0, 2, 5, 10, 1), "due in the next tick: delivered at once");
        assertFalse(links.hold(0, 2, 5, 10, 16), "beyond the delay window: the sink drops it");
        assertTrue(links.hold(0, 2, 5, 10, 4));
        assertTrue(links.hold(1, 2, 6, 10, 2));
        assertTrue(links.hold(3, 0, 7, 11, 3));
        Recorder sink = new Recorder();
        // route(t) releases the spikes due in t + 1: sent in tick 10 with delay 2, due 12, off in route(11)
        links.release(11, sink);
        assertEquals(List.of(), sink.got);
        links.release(12, sink);
        assertEquals(List.of("2/6@12"), sink.got);
        links.release(13, sink);
        links.release(14, sink);
        // both due in 14, in send order: the one sent in tick 10, then the one sent in tick 11
        assertEquals(List.of("2/6@12", "2/5@14", "0/7@14"), sink.got);
        // a slot is emptied once released: the ring comes back to it 16 ticks later with nothing
        links.release(30, sink);
        assertEquals(3, sink.got.size());
    }

    @Test
    void aBoardOfOneChipHasNoLinks() {
        NetworkImage board = BoardNet.image(1);
        NetworkImage one = new NetworkImage(dev.myelin.isa.arch.Presets.require("tiny"), 0, board.cores().subList(0, 1),
                List.of(), List.of(), List.of());
        assertNull(ChipLinks.of(new ChipLayout(one)));
    }
}
