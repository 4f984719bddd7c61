package dev.myelin.compiler.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The mapping report as JSON (same numbers as the text, every core listed). */
public final class JsonReport {
    private JsonReport() {
    }

    /** Each lowered parameter's quantisation error over the population's neurons. */
    private static String paramErrors(List<dev.myelin.compiler.lower.LowerNeurons.ParamError> errors) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < errors.size(); i++) {
            var e = errors.get(i);
            b.append(i == 0 ? "" : ", ").append("{\"param\": ").append(str(e.param())).append(", \"unit\": ")
                    .append(str(e.unit())).append(", \"neurons\": ").append(e.neurons())
                    .append(", \"maxRelError\": ").append(num(e.maxRelError())).append(", \"meanRelError\": ")
                    .append(num(e.meanRelError())).append(", \"maxAbsError\": ").append(num(e.maxAbsError()))
                    .append('}');
        }
        return b.append(']').toString();
    }

    public static String json(ReportData r) {
        return json(r, null);
    }

    /**
     * The report of a compiled NIR file: the mapping report with a section {@code nir} (the
     * text's "== NIR import ==": per node the decays, LSB, threshold, reset mode and their
     * quantisation errors; per link the synapses, delays and weight quantisation error).
     *
     * @param nir the import, or null for a description (no section)
     */
    public static String json(ReportData r, dev.myelin.compiler.nir.NirImport.Result nir) {
        StringBuilder b = new StringBuilder("{\n");
        field(b, "network", r.network()).append(",\n");
        field(b, "arch", r.arch()).append(",\n");
        field(b, "datapath", r.datapath()).append(",\n");
        b.append("  \"dtMs\": ").append(num(r.dtMs())).append(",\n");
        b.append("  \"neurons\": ").append(r.neurons()).append(",\n");
        b.append("  \"synapses\": ").append(r.synapses()).append(",\n");
        b.append("  \"neuronCopies\": ").append(r.neuronCopies()).append(",\n");
        b.append("  \"coresUsed\": ").append(r.coresUsed()).append(",\n");
        b.append("  \"coresAvailable\": ").append(r.coresAvailable()).append(",\n");
        ReportData.Limits l = r.limits();
        b.append("  \"limits\": {\"neurons\": ").append(l.neurons()).append(", \"axons\": ").append(l.axons())
                .append(", \"memoryBytes\": ").append(l.memoryBytes()).append(", \"targets\": ").append(l.fanOut())
                .append(", \"axonTypes\": ").append(l.axonTypes()).append("},\n");
        b.append("  \"populations\": [");
        for (int i = 0; i < r.populations().size(); i++) {
            ReportData.PopRow p = r.populations().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(str(p.name())).append(", \"model\": ")
                    .append(str(p.model())).append(", \"size\": ").append(p.size()).append(", \"cores\": ")
                    .append(p.cores()).append(", \"lsbMv\": ").append(num(p.lsbMv())).append(", \"estRateHz\": ")
                    .append(num(p.rateHz())).append(", \"notes\": ").append(strs(p.notes()))
                    .append(", \"paramErrors\": ").append(paramErrors(p.errors())).append('}');
        }
        b.append("\n  ],\n  \"projections\": [");
        for (int i = 0; i < r.projections().size(); i++) {
            ReportData.ProjRow p = r.projections().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(str(p.name())).append(", \"pre\": ")
                    .append(str(p.pre())).append(", \"post\": ").append(str(p.post())).append(", \"synapses\": ")
                    .append(p.synapses()).append(", \"quantisationError\": ").append(num(p.relError()))
                    .append(", \"format\": ").append(str(p.format())).append('}');
        }
        b.append("\n  ],\n  \"inputs\": [");
        for (int i = 0; i < r.inputs().size(); i++) {
            ReportData.InputRow in = r.inputs().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(str(in.name())).append(", \"delivery\": ")
                    .append(str(in.delivery())).append(", \"lines\": ").append(in.lines())
                    .append(", \"inputNeurons\": ").append(in.inputNeurons()).append(", \"cores\": ").append(in.cores())
                    .append(", \"targets\": ").append(in.targets()).append('}');
        }
        b.append("\n  ],\n  \"cores\": [");
        for (int i = 0; i < r.cores().size(); i++) {
            ReportData.CoreRow c = r.cores().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"id\": ").append(str(c.id())).append(", \"population\": ")
                    .append(str(c.population())).append(", \"from\": ").append(c.from()).append(", \"to\": ")
                    .append(c.to()).append(", \"neurons\": ").append(c.neurons()).append(", \"axons\": ")
                    .append(c.axons()).append(", \"synapses\": ").append(c.synapses()).append(", \"encoding\": ")
                    .append(str(c.encoding())).append(", \"memoryBytes\": ").append(c.memoryBytes()).append(", \"targets\": ").append(c.fanOut()).append(", \"formats\": ")
                    .append(c.formats()).append('}');
        }
        b.append("\n  ],\n  \"traffic\": {\"packetsPerTick\": ").append(num(r.packetsPerTick()))
                .append(", \"placedHops\": ").append(num(r.placedCost())).append(", \"initialHops\": ")
                .append(num(r.initialCost())).append(", \"rowMajorHops\": ").append(num(r.naiveCost()))
                .append(", \"sweeps\": ").append(r.sweeps()).append("},\n");
        b.append("  \"passMs\": {");
        int k = 0;
        for (Map.Entry<String, Double> e : r.passMs().entrySet()) {
            b.append(k++ == 0 ? "" : ", ").append(str(e.getKey())).append(": ").append(num(e.getValue()));
        }
        b.append("},\n");
        if (nir != null) {
            nir(b, nir);
        }
        b.append("  \"warnings\": ").append(strs(r.warnings())).append("\n}\n");
        return b.toString();
    }

    private static void nir(StringBuilder b, dev.myelin.compiler.nir.NirImport.Result nir) {
        b.append("  \"nir\": {\"dtMs\": ").append(num(nir.network().dtMs())).append(", \"nodes\": [");
        for (int i = 0; i < nir.nodes().size(); i++) {
            var f = nir.nodes().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"node\": ").append(str(f.node())).append(", \"type\": ")
                    .append(str(f.type())).append(", \"neurons\": ").append(f.neurons()).append(", \"population\": ")
                    .append(str(f.population())).append(", \"voltage\": ").append(str(f.voltage()))
                    .append(", \"tauS\": ").append(range(f.tau())).append(", \"voltageDecay\": ")
                    .append(range(f.voltageDecay())).append(", \"dv\": ").append(range(f.dv()))
                    .append(", \"voltageDecayError\": ").append(num(f.voltageDecayError()))
                    .append(", \"tauSynS\": ").append(range(f.tauSyn())).append(", \"currentDecay\": ")
                    .append(range(f.currentDecay())).append(", \"du\": ").append(range(f.du()))
                    .append(", \"currentDecayError\": ").append(num(f.currentDecayError()))
                    .append(", \"lsb\": ").append(num(f.lsb())).append(", \"threshold\": ")
                    .append(range(f.threshold())).append(", \"vth\": ").append(range(f.vth()))
                    .append(", \"thresholdError\": ").append(num(f.thresholdError())).append(", \"resetMode\": ")
                    .append(str(f.resetMode())).append(", \"vReset\": ").append(range(f.vReset()))
                    .append(", \"vResetGiven\": ").append(f.vResetGiven()).append(", \"leakDrive\": ")
                    .append(range(f.leakDrive())).append(", \"leakDriveError\": ").append(num(f.leakDriveError()))
                    .append('}');
        }
        b.append("\n  ], \"links\": [");
        for (int i = 0; i < nir.links().size(); i++) {
            var l = nir.links().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"source\": ").append(str(l.source())).append(", \"target\": ")
                    .append(str(l.target())).append(", \"synapses\": ").append(l.synapses())
                    .append(", \"maxDelayTicks\": ").append(l.maxDelayTicks()).append(", \"quantisationError\": ")
                    .append(num(l.quantisationError())).append(", \"largestError\": ").append(num(l.largestError()))
                    .append('}');
        }
        b.append("\n  ]},\n");
    }

    /** A range as [lo, hi], or null. */
    private static String range(dev.myelin.compiler.nir.NirImport.Range r) {
        return r == null ? "null" : "[" + num(r.lo()) + ", " + num(r.hi()) + "]";
    }

    private static StringBuilder field(StringBuilder b, String k, String v) {
        return b.append("  ").append(str(k)).append(": ").append(str(v));
    }

    static String num(double d) {
        if (!Double.isFinite(d)) {
            return "null";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.9g", d);
    }

    static String strs(List<String> s) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < s.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(str(s.get(i)));
        }
        return b.append(']').toString();
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
