package dev.myelin.chip.run;

import dev.myelin.chip.energy.ActivityRecord;
import dev.myelin.chip.energy.CoreInfo;
import dev.myelin.chip.energy.EnergyProfile;
import dev.myelin.chip.energy.Pricing;
import dev.myelin.chip.energy.Profiles;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.timing.ChipClock;
import dev.myelin.chip.timing.MeshNetwork;
import dev.myelin.chip.trace.RunRecorder;
import dev.myelin.isa.arch.Architecture;

import java.util.List;

/**
 * The per-tick record of a run without output files, for the kernel benchmarks: the
 * {@link ActivityRecord}, {@link ChipActivity} and {@link RunRecorder} built as
 * {@link RunSession} builds them (the architecture's energy profile, one sample), and the two
 * calls its tick loop makes after each {@link Chip#step()}.
 */
public final class RecordedTicks {
    private final MeshNetwork timing;
    private final ChipActivity activity;
    private final RunRecorder rec;
    private long tick;

    /** @param timing the mesh the chip was loaded with ({@link MeshNetwork.Factory#network()}) */
    public RecordedTicks(Chip chip, MeshNetwork timing) {
        Architecture arch = chip.image().arch();
        EnergyProfile profile = Profiles.resolve(arch.energyProfile());
        List<CoreInfo> cores = ChipActivity.cores(chip);
        Pricing pricing = Pricing.forBoard(profile, cores, arch);
        ActivityRecord record = new ActivityRecord(cores, pricing);
        this.timing = timing;
        this.activity = new ChipActivity(chip, record, timing);
        // the per-core counts of every tick kept, as for a run writing its stats (re-pricing reads them)
        this.rec = new RunRecorder(cores, pricing, record, new ChipClock(arch), chip.image().dtMs(), 0, true);
    }

    /** Records the tick the chip just ran, as the run's loop does; returns the ticks recorded. */
    public long record() {
        activity.countLastTick();
        rec.tick(tick++, timing.lastTick().ns());
        return rec.ticks();
    }
}
