package dev.myelin.chip.learn;

import dev.myelin.isa.learn.Device;

/**
 * A device's potentiation and depression curves (docs/learning.md, "Memristive synapses"): from
 * gMin, {@code levelsLtp} potentiation pulses, then {@code levelsLtd} depression pulses, one
 * device, its conductance after each pulse. Without variability ({@code seed} null) the curves
 * are the device's model curves; with a seed, one device with its device-to-device and
 * cycle-to-cycle variation drawn from that seed.
 */
public final class DeviceCurves {
    private DeviceCurves() {
    }

    /** Conductances, nS: index 0 the start (gMin), then one per pulse (levelsLtp up, then levelsLtd down). */
    public static double[] trace(Device device, Long seed) {
        Device d = seed == null ? new Device(device.name(), device.gMinNs(), device.gMaxNs(), device.levelsLtp(),
                device.levelsLtd(), device.nlLtp(), device.nlLtd(), 0, 0, 0, device.vRead(), device.tReadNs(),
                device.vLtp(), device.tLtpNs(), device.vLtd(), device.tLtdNs()) : device;
        Crossbar x = new Crossbar(d, false, 1, 1, new int[]{0, 1}, new int[]{0}, 1, new double[]{0},
                seed == null ? 0 : seed);
        double[] g = new double[1 + d.levelsLtp() + d.levelsLtd()];
        g[0] = x.conductance(0);
        int i = 1;
        for (int p = 0; p < d.levelsLtp(); p++) {
            x.pulse(0, 1);
            g[i++] = x.conductance(0);
        }
        for (int p = 0; p < d.levelsLtd(); p++) {
            x.pulse(0, -1);
            g[i++] = x.conductance(0);
        }
        return g;
    }
}
