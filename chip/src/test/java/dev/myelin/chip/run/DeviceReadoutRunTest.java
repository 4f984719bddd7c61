package dev.myelin.chip.run;

import dev.myelin.chip.learn.ColumnReadTest;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.learn.DeviceReadout;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run takes each learning core's device readout from its section, or from --adc-bits (docs/learning.md). */
class DeviceReadoutRunTest {
    /** ColumnReadTest's THREE core with its linear device and a 3-bit column read in the section. */
    static final String LISTING = ColumnReadTest.THREE
            + ".device custom g_min=100 g_max=1100 levels_ltp=150 levels_ltd=150 nl_ltp=0 nl_ltd=0 c2c=0 d2d=0"
            + " read_noise=0 v_read=0.5 t_read=5 v_ltp=2 t_ltp=10 v_ltd=2 t_ltd=10 read=current adc_bits=3\n";


    /** The inputs (u / 64) of n0 and n1 after one tick with a0..a2 active, devices attached as a run does. */
    private static int[] inputs(String device, Integer adcBits) {
        try (Chip chip = Chip.load(Assembler.assemble("r.nasm", LISTING), ChipOptions.defaults().withSeed(1))) {
            RunSession.attachDevices(chip, device, adcBits, 1);
            for (int a = 0; a < 3; a++) {
                chip.injectRaw(0, a, 0);
            }
            chip.step();
            return new int[]{chip.u(0, 0) / 64, chip.u(0, 1) / 64};
        }
    }

    /**
     * ColumnReadTest's hand computation: 3 bits give 171 and 29 (digital 170 and 30), 10 bits 170 and 30.
     * The codes depend only on where each conductance lies in its range, so --device ideal (another range
     * and the same linear steps) keeps the section's 3-bit read and its inputs.
     */
    @Test
    void theSectionsReadoutAndTheOverrides() {
        assertThat(inputs(null, null)).containsExactly(171, 29);
        assertThat(inputs(null, 10)).containsExactly(170, 30);
        assertThat(inputs("ideal", null)).containsExactly(171, 29);
        try (Chip chip = Chip.load(Assembler.assemble("r.nasm", LISTING), ChipOptions.defaults())) {
            RunSession.attachDevices(chip, null, 5, 1);
            assertThat(chip.learning(0).readout()).isEqualTo(new DeviceReadout(true, false, 5));
        }
        String noDevice = LISTING.substring(0, LISTING.indexOf(".device"));
        try (Chip chip = Chip.load(Assembler.assemble("n.nasm", noDevice), ChipOptions.defaults())) {
            assertThatThrownBy(() -> RunSession.attachDevices(chip, null, 8, 1)).isInstanceOf(MyelinInputException.class)
                    .hasMessageContaining("--adc-bits 8: no learning core has a device");
        }
    }

    /**
     * A core whose plastic axons have two weight exponents cannot be read as column currents: the
     * whole-image check names it, for the section's own read and for --adc-bits alike, and passes the
     * stored-weight read and a core without a device; a member that does not own the core refuses
     * as the owner does.
     */
    @Test
    void theWholeImageCheckOfTheReadouts() {
        String mixed = LISTING.replace(".format 0 bits=8 exp=0 sign=excitatory",
                ".format 0 bits=8 exp=0 sign=excitatory\n.format 1 bits=8 exp=1 sign=excitatory")
                .replace("a1: type=0", "a1: type=1");
        String said = "core (0,0,0): the column-current read needs the plastic axons' types to share one weight"
                + " exponent: axon 0 has 0, axon 1 1";
        assertThat(LearnedWeights.readoutProblem(Assembler.assemble("m.nasm", mixed), null, null)).isEqualTo(said);
        String stored = mixed.replace(" read=current adc_bits=3", "");
        assertThat(LearnedWeights.readoutProblem(Assembler.assemble("s.nasm", stored), null, null)).isNull();
        assertThat(LearnedWeights.readoutProblem(Assembler.assemble("s.nasm", stored), null, 6)).isEqualTo(said);
        String noDevice = mixed.substring(0, mixed.indexOf(".device"));
        assertThat(LearnedWeights.readoutProblem(Assembler.assemble("n.nasm", noDevice), null, 6)).isNull();
        assertThat(LearnedWeights.readoutProblem(Assembler.assemble("n.nasm", noDevice), "ideal", 6)).isEqualTo(said);
        assertThat(LearnedWeights.readoutProblem(Assembler.assemble("r.nasm", LISTING), null, 6)).isNull();
        try (Chip chip = Chip.load(Assembler.assemble("m.nasm", mixed), ChipOptions.defaults())) {
            // a member owning no core still refuses, with the owner's words
            assertThatThrownBy(() -> RunSession.attachDevices(chip, null, null, 1, new boolean[1]))
                    .isInstanceOf(MyelinInputException.class).hasMessage(said);
            assertThatThrownBy(() -> RunSession.attachDevices(chip, null, null, 1))
                    .isInstanceOf(MyelinInputException.class).hasMessage(said);
        }
    }
}
