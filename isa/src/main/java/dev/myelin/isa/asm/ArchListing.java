package dev.myelin.isa.asm;

import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.diag.DidYouMean;
import dev.myelin.isa.diag.MyelinInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The architecture part of a listing: {@code .arch PRESET} followed by one
 * {@code .set KEY VALUE} per parameter that differs from the preset. The printer picks the
 * preset of the same name, else the one with the fewest differences, so the listing stays
 * short and reproduces the embedded architecture exactly (reals print round-trippably).
 */
final class ArchListing {
    private ArchListing() {
    }

    /** The preset a listing of {@code arch} starts from. */
    static String basePreset(Architecture arch) {
        if (Presets.byName(arch.name()).isPresent()) {
            return arch.name();
        }
        String best = null;
        int bestDiff = Integer.MAX_VALUE;
        for (String name : Presets.names()) {
            int d = overrides(Presets.require(name), arch).size();
            if (d < bestDiff) {
                bestDiff = d;
                best = name;
            }
        }
        return best;
    }

    /** Parameters of {@code arch} that differ from {@code base}, in declaration order. */
    static List<ArchParam> overrides(Architecture base, Architecture arch) {
        List<ArchParam> out = new ArrayList<>();
        for (ArchParam p : ArchParam.all()) {
            if (!Objects.equals(base.value(p), arch.value(p))) {
                out.add(p);
            }
        }
        return out;
    }

    /** The {@code .arch} and {@code .set} lines of {@code arch}. */
    static void print(StringBuilder sb, Architecture arch) {
        String preset = basePreset(arch);
        Architecture base = Presets.require(preset);
        sb.append(".arch ").append(preset).append('\n');
        for (ArchParam p : overrides(base, arch)) {
            String v = arch.format(p);
            if (p.kind() == ArchParam.Kind.TEXT || p.kind() == ArchParam.Kind.CHOICE) {
                v = Lexer.quoteIfNeeded(v);
            }
            sb.append(".set ").append(p.key()).append(' ').append(v);
            sb.append("    ; ").append(p.help());
            if (!p.unit().isEmpty()) {
                sb.append(" [").append(p.unit()).append(']');
            }
            sb.append("; ").append(preset).append(" has ").append(base.format(p)).append('\n');
        }
    }

    /** {@code .arch NAME}: the builder of a preset. */
    static Architecture.Builder parseArch(Line line) {
        Token t = line.peek();
        String name = line.expectName("an architecture preset (" + String.join(", ", Presets.names()) + ")");
        line.expectEnd();
        return Presets.byName(name).map(Architecture::toBuilder).orElseThrow(() -> line.error(t,
                "unknown architecture preset '" + name + "' (known: " + String.join(", ", Presets.names()) + ")"
                        + DidYouMean.suggest(name, Presets.names())));
    }

    /** {@code .set KEY VALUE}: one parameter, checked against its range at once. */
    static ArchParam parseSet(Line line, Architecture.Builder b) {
        Token keyTok = line.expectAtom("an architecture parameter such as core.neurons");
        String key = keyTok.text();
        ArchParam p = ArchParam.byKey(key).orElseThrow(() -> line.error(keyTok, "unknown architecture parameter "
                + key + DidYouMean.suggest(key, ArchParam.all().stream().map(ArchParam::key).toList())));
        Token vt = line.peek();
        if (vt == null) {
            throw line.expected("a value for " + key);
        }
        Object v = switch (p.kind()) {
            case INT -> line.expectLong(key, (long) p.min(), (long) p.max());
            case REAL -> {
                line.next();
                if (vt.kind() != Token.Kind.ATOM) {
                    throw line.error(vt, "expected a number for " + key + ", found " + vt.describe());
                }
                yield Numbers.parseDouble(line, vt, key);
            }
            default -> line.expectName("a value for " + key);
        };
        line.expectEnd();
        String problem = Architecture.Builder.checkValue(p, v);
        if (problem != null) {
            throw line.error(vt, key + " = " + (vt.kind() == Token.Kind.STRING ? vt.text() : v) + " " + problem);
        }
        b.setRaw(p, v);
        return p;
    }

    /**
     * Builds the architecture. A rule between parameters is reported at the {@code .set} line
     * of the parameter it names, else at the {@code .arch} line.
     */
    static Architecture build(Architecture.Builder b, String file, int archLine, Map<ArchParam, Integer> setLines) {
        try {
            return b.build(".arch");
        } catch (MyelinInputException e) {
            int line = archLine;
            for (Map.Entry<ArchParam, Integer> s : setLines.entrySet()) {
                if (e.getMessage().contains("field " + s.getKey().key() + " ")) {
                    line = s.getValue();
                    break;
                }
            }
            throw ListingException.at(file, line, 1, e.getMessage());
        }
    }
}
