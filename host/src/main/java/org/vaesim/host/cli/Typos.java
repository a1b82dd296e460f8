package org.vaesim.host.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** "Did you mean ...?": the names closest to something a user typed (a command, an option, a file name). */
final class Typos {
    private Typos() {
    }

    /**
     * The candidates nearest to {@code typed}: those at the smallest edit distance (insertions, deletions,
     * substitutions and swaps of two neighbours, ignoring case) if it is at most a third of the typed length (at
     * least 1); otherwise those that start with it, if it is 3 characters or more. Empty when nothing is close.
     */
    static List<String> nearest(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        String bare = t.replaceFirst("^-+", "");
        int limit = Math.max(1, bare.length() / 3);
        int best = Integer.MAX_VALUE;
        List<String> closest = new ArrayList<>();
        List<String> prefixed = new ArrayList<>();
        for (String c : candidates) {
            String lower = c.toLowerCase(Locale.ROOT);
            int d = distance(t, lower);
            if (d <= limit && d < best) {
                best = d;
                closest.clear();
            }
            if (d <= limit && d == best) {
                closest.add(c);
            }
            if (bare.length() >= 3 && lower.startsWith(t) && !lower.equals(t)) {
                prefixed.add(c);
            }
        }
        return closest.isEmpty() ? prefixed : closest;
    }

    /** Optimal-string-alignment distance: Levenshtein plus the swap of two neighbours ("rnu" is 1 from "run"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
