package dev.myelin.compiler.ir;

import java.util.Map;

/**
 * Where the keys of an element were written, for the passes after reading: an error about a
 * population's model, a projection's post or a pin's third core names the line of that key
 * rather than of the element. Keys are the description's (`model`, `post`), sub-keys joined by
 * dots (`params.tau_m`, `connect.file`) and list entries by index (`cores.2`, `indices.0`).
 * Elements from the builder API have none, and name themselves.
 */
final class KeyWhere {
    private KeyWhere() {
    }

    /** Where the first of {@code keys} that was written is, else {@code fallback} (the element). */
    static String first(Map<String, String> at, String fallback, String... keys) {
        for (String k : keys) {
            String w = at.get(k);
            if (w != null) {
                return w;
            }
        }
        return fallback;
    }
}
