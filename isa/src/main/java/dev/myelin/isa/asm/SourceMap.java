package dev.myelin.isa.asm;

import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.ImageViolation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each part of an assembled image was written, so a rule the {@code ImageValidator}
 * finds broken is reported at the listing line that holds the field: the axon or neuron line
 * of a core (else its {@code .core} line), the entry line of a port or symbol (else its
 * directive).
 */
final class SourceMap {
    private static final Pattern CORE_FIELD = Pattern.compile("^(axon|neuron)\\[(\\d+)\\]");
    private static final Pattern TABLE_FIELD = Pattern.compile("^(?:port|symbol)\\[(\\d+)\\](?:\\.(?:entry|range)\\[(\\d+)\\])?");

    /** Lines of one core: its directive, then each axon and neuron line (0 where none was written). */
    record CoreLines(int line, int[] axonLines, int[] neuronLines) {
    }

    private final Map<CoreId, CoreLines> cores = new HashMap<>();
    private final Map<String, List<int[]>> tables = new HashMap<>();

    void core(CoreId id, CoreLines lines) {
        cores.put(id, lines);
    }

    /** A table ({@code INPT}, {@code OUTP}, {@code SYMB}) opened at {@code line}; entries follow. */
    void table(String section, int line) {
        tables.computeIfAbsent(section, k -> new ArrayList<>()).add(new int[] {line});
    }

    void entry(String section, int line) {
        List<int[]> t = tables.get(section);
        int[] last = t.get(t.size() - 1);
        int[] grown = java.util.Arrays.copyOf(last, last.length + 1);
        grown[last.length] = line;
        t.set(t.size() - 1, grown);
    }

    MyelinInputException locate(String file, ImageViolation v) {
        return ListingException.at(file, lineOf(v), 1, v.getMessage());
    }

    private int lineOf(ImageViolation v) {
        if (v.core() != null) {
            CoreLines c = cores.get(v.core());
            if (c == null) {
                return 1;
            }
            Matcher m = CORE_FIELD.matcher(v.field());
            if (m.find()) {
                int[] lines = m.group(1).equals("axon") ? c.axonLines() : c.neuronLines();
                int i = Integer.parseInt(m.group(2));
                if (i < lines.length && lines[i] != 0) {
                    return lines[i];
                }
            }
            return c.line();
        }
        List<int[]> t = tables.get(v.section());
        Matcher m = TABLE_FIELD.matcher(v.field());
        if (t == null || !m.find() || Integer.parseInt(m.group(1)) >= t.size()) {
            return 1;
        }
        int[] lines = t.get(Integer.parseInt(m.group(1)));
        int entry = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        return entry >= 0 && entry + 1 < lines.length ? lines[entry + 1] : lines[0];
    }
}
