package dev.myelin.isa.learn;

/**
 * How a learning core uses its memristive devices (docs/learning.md, "Memristive synapses"; the
 * readout group of the binary's learning section, docs/isa.md).
 *
 * @param current  false: the devices store the weights and the datapath integrates the weight read
 *                 back from each device ("weight" read); true: each tick the active plastic axons'
 *                 rows are read as column currents and an ADC turns each column's current into
 *                 the neuron's input ("current" read)
 * @param pair     whether each synapse is a differential pair G+ - G- (else a single device)
 * @param adcBits  the ADC's resolution, 1..16 bits (used by the current read)
 */
public record DeviceReadout(boolean current, boolean pair, int adcBits) {
    public static final int MAX_ADC_BITS = 16;
    public static final int DEFAULT_ADC_BITS = 8;
    /** Weight storage on single devices: the readout of a section without a readout group. */
    public static final DeviceReadout STORAGE = new DeviceReadout(false, false, DEFAULT_ADC_BITS);

    /** Null when every field is in range, else the problem (naming the field). */
    public String problem() {
        if (adcBits < 1 || adcBits > MAX_ADC_BITS) {
            return "adc_bits = " + adcBits + " is out of range [1, " + MAX_ADC_BITS + "]";
        }
        return null;
    }

    /** The name of the read mode: "weight" or "current". */
    public String readName() {
        return current ? "current" : "weight";
    }

    /** This readout with the current read at {@code bits} bits. */
    public DeviceReadout withCurrent(int bits) {
        return new DeviceReadout(true, pair, bits);
    }
}
