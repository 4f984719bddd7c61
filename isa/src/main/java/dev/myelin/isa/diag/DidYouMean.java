package dev.myelin.isa.diag;

import java.util.Collection;

/** Suggests the closest known name for a misspelt one (Levenshtein distance). */
public final class DidYouMean {
    private DidYouMean() {
    }

    /** {@code " (did you mean 'x'?)"}, or empty when nothing is close enough. */
    public static String suggest(String given, Collection<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(given.toLowerCase(), k.toLowerCase());
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        if (best == null || bestD > Math.max(2, given.length() / 3)) {
            return "";
        }
        return " (did you mean '" + best + "'?)";
    }

    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
