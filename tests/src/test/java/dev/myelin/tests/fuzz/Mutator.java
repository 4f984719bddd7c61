package dev.myelin.tests.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded text mutations of a YAML document: line edits, indentation, hostile numbers and units,
 * dropped keys, byte flips, truncation, alias bombs, long strings, deep nesting and huge sizes,
 * and the quieter edits that keep a document well-formed so it reaches the later checks: a
 * number changed to a nearby plausible one (a digit appended or prepended, negated, 0.5, another
 * number of the document) and a name swapped for another name of the document or a near miss.
 * One {@link Random} drives every choice, so a seed names a case exactly.
 */
final class Mutator {
    static final String[] NUMBERS = {"2000000000", "-1", "0", ".nan", "NaN", "1e400", "-1e400", "abc",
        "99999999999999999999", "2147483648", "-2147483649", "1e12", ".inf", "-.inf", "0x7fffffff", "1.5", "~", "[]"};
    static final String[] UNITS = {"mV", "ms", "nA", "Hz", "pJ", "furlongs", "kg", "", "MOhm", "s s", "%"};
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_])-?\\d+(\\.\\d+)?([eE]-?\\d+)?");
    private static final Pattern UNIT = Pattern.compile("(?<=\\d )(ms|us|ns|s|mV|V|uV|nA|pA|uA|mA|kHz|Hz|MOhm|GOhm|kOhm|pJ|nJ|uJ|fJ|mW|uW|W|MHz|GHz|ps)\\b");
    private static final Pattern KEY = Pattern.compile("([A-Za-z_][A-Za-z_0-9]*)\\s*:\\s*(\\[[^\\]]*\\]|\\{[^}]*\\}|[^,{}\\[\\]\\n]*)");
    /** A name-valued key and its value: what cross-references are made of. */
    private static final Pattern NAME = Pattern.compile("(?<=\\b(?:name|pre|post|population|target|extends|arch): )[A-Za-z_][A-Za-z_0-9.-]*");
    static final int KINDS = 17;

    private Mutator() {
    }

    /** Applies 1-3 random mutations to {@code text}. */
    static String mutate(String text, Random r) {
        int n = 1 + r.nextInt(3);
        String t = text;
        for (int i = 0; i < n; i++) {
            t = once(t, r.nextInt(KINDS), r);
        }
        return t;
    }

    static String once(String text, int kind, Random r) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int i = r.nextInt(lines.size());
        switch (kind) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(i, lines.get(i));
            case 2 -> {
                int j = r.nextInt(lines.size());
                String a = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, a);
            }
            case 3 -> lines.set(i, r.nextBoolean() ? " ".repeat(1 + r.nextInt(4)) + lines.get(i)
                    : lines.get(i).replaceFirst("^ {1,3}", ""));
            case 4 -> {
                return replaceOne(text, NUMBER, NUMBERS[r.nextInt(NUMBERS.length)], r);
            }
            case 5 -> {
                return replaceOne(text, UNIT, UNITS[r.nextInt(UNITS.length)], r);
            }
            case 6 -> {
                return replaceOne(text, KEY, "", r);
            }
            case 7 -> {
                char[] c = text.toCharArray();
                if (c.length > 0) {
                    int k = r.nextInt(c.length);
                    c[k] = (char) (c[k] ^ (1 << r.nextInt(7)));
                }
                return new String(c);
            }
            case 8 -> {
                return text.substring(0, r.nextInt(text.length() + 1));
            }
            case 9 -> {
                return replaceOne(text, KEY, "$1: " + "x".repeat(100_000 + r.nextInt(100_000)), r);
            }
            case 10 -> {
                int depth = 200 + r.nextInt(5000);
                return replaceOne(text, KEY, "$1: " + "[".repeat(depth) + "1" + "]".repeat(depth), r);
            }
            case 11 -> {
                return aliasBomb() + text;
            }
            case 12 -> {
                String[] huge = {"size: 2000000000", "shape: [100000, 100000]", "shape: [65536, 65536]",
                    "size: 100000000", "shape: [2147483647, 2]", "size: 9223372036854775807"};
                return text.replaceFirst("size: \\d+|shape: \\[[^\\]]*\\]", huge[r.nextInt(huge.length)]);
            }
            case 13 -> {
                return replaceOne(text, KEY, "$1: {type: fixed_probability, p: 1}", r);
            }
            case 14 -> {
                return replaceOne(text, NUMBER, nudge(text, r), r);
            }
            case 15 -> {
                List<String> names = matches(text, NAME);
                String to = names.isEmpty() || r.nextInt(4) == 0 ? "x" + r.nextInt(3)
                        : names.get(r.nextInt(names.size()));
                return replaceOne(text, NAME, r.nextInt(5) == 0 && !names.isEmpty() ? names.get(0) + "x" : to, r);
            }
            default -> {
                // the well-formed edits twice as often as the others: most of what they reach is unexplored
                return r.nextBoolean() ? replaceOne(text, NUMBER, nudge(text, r), r) : once(text, 15, r);
            }
        }
        return String.join("\n", lines);
    }

    /** A replacement (regex, {@code $0} the number) for one number that keeps the document well-formed. */
    private static String nudge(String text, Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "$0" + "1";
            case 1 -> "1$0";
            case 2 -> "-$0";
            case 3 -> "0.5";
            default -> {
                List<String> nums = matches(text, NUMBER);
                yield nums.isEmpty() ? "2" : nums.get(r.nextInt(nums.size()));
            }
        };
    }

    private static List<String> matches(String text, Pattern p) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** A billion-laughs document prefix: nine levels of nine aliases each. */
    static String aliasBomb() {
        StringBuilder sb = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int k = 1; k < 10; k++) {
            String prev = "*l" + (k - 1);
            sb.append("l").append(k).append(": &l").append(k).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        return sb.toString();
    }

    private static String replaceOne(String text, Pattern p, String replacement, Random r) {
        Matcher m = p.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return text;
        }
        int[] s = spans.get(r.nextInt(spans.size()));
        Matcher one = p.matcher(text.substring(s[0], s[1]));
        String rep = one.matches() ? one.replaceFirst(replacement) : replacement;
        return text.substring(0, s[0]) + rep + text.substring(s[1]);
    }
}
