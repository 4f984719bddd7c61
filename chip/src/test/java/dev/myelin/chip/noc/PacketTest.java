package dev.myelin.chip.noc;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The packed packet word and its table-driven XY output against {@link MeshConfig#xyDirection}. */
class PacketTest {

    @Test
    void fieldsRoundTripAtTheirLimits() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int k = 0; k < 10_000; k++) {
            int id = rnd.nextInt(1 << Packet.ID_BITS);
            int x = k == 0 ? 0xFFFF : rnd.nextInt(1 << 16);
            int y = k == 0 ? 0xFFFF : rnd.nextInt(1 << 16);
            int slot = rnd.nextInt(16);
            long p = Packet.pack(id, x, y, slot);
            assertThat(new int[] {Packet.id(p), Packet.x(p), Packet.y(p), Packet.slot(p)})
                    .isEqualTo(new int[] {id, x, y, slot});
        }
        assertThatThrownBy(() -> Packet.pack(1 << Packet.ID_BITS, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Packet.pack(0, 1 << 16, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Packet.pack(0, 0, 0, 16)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOutputIsTheXyDirectionOrTheEjectionPortOfTheSlot() {
        SplittableRandom rnd = new SplittableRandom(2026);
        for (int k = 0; k < 200_000; k++) {
            // small coordinates make every sign combination, including "there", frequent
            int bound = k % 2 == 0 ? 4 : 1 << 16;
            int x = rnd.nextInt(bound);
            int y = rnd.nextInt(bound);
            int dx = rnd.nextInt(bound);
            int dy = rnd.nextInt(bound);
            int slot = rnd.nextInt(16);
            int dir = MeshConfig.xyDirection(x, y, dx, dy);
            int expected = dir >= 0 ? dir : Mesh.DIRECTIONS + slot;
            assertThat(Packet.output(Packet.pack(rnd.nextInt(1 << 20), dx, dy, slot), x, y))
                    .as("(%d,%d) -> (%d,%d) slot %d", x, y, dx, dy, slot).isEqualTo(expected);
        }
    }
}
