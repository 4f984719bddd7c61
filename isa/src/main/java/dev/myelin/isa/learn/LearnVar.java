package dev.myelin.isa.learn;

/**
 * The operands a learning rule's factors read (docs/learning.md, "Variables"). The code is the
 * byte stored in a factor of the binary's learning section.
 */
public enum LearnVar {
    /** 1 when the synapse's axon was active in the epoch, else 0. */
    X0("x0"),
    /** 1 when the synapse's post neuron fired in the epoch, else 0. */
    Y0("y0"),
    X1("x1"),
    X2("x2"),
    Y1("y1"),
    Y2("y2"),
    Y3("y3"),
    /** 1 when the core's reward axon was active in the epoch, else 0. */
    R0("r0"),
    /** The reward trace. */
    R1("r1"),
    /** The synaptic weight, in learning units (raw weight x 2^weightFrac). */
    W("w"),
    /** The synaptic tag (eligibility). */
    T("t"),
    /** The synaptic delay in ticks, 0..dMax (docs/learning.md, "Synaptic delays"). */
    D("d");

    private final String text;

    LearnVar(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public int code() {
        return ordinal();
    }

    /** The variable of {@code code}, or null. */
    public static LearnVar ofCode(long code) {
        return code >= 0 && code < values().length ? values()[(int) code] : null;
    }

    /** The variable spelled {@code s}, or null. */
    public static LearnVar ofText(String s) {
        for (LearnVar v : values()) {
            if (v.text.equals(s)) {
                return v;
            }
        }
        return null;
    }

    /** Whether the variable is 0 whenever the core saw no spike and every trace is 0. */
    public boolean activity() {
        return this != W && this != T && this != D;
    }
}
