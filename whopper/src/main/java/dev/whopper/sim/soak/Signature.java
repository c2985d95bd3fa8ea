package dev.whopper.sim.soak;

import dev.whopper.sim.Outcome;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The signature of a failure: its kind, the property, and the shape of what went wrong with the numbers
 * taken out (fiber ids, steps, amounts), so the same bug found at different seeds has one signature and a
 * soak that finds one bug 300 times shows one group.
 */
public final class Signature {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+");

    private Signature() { }

    /**
     * @param outcome a run's outcome
     * @return its signature, or {@code null} for a pass
     */
    public static String of(Outcome outcome) {
        if (outcome instanceof Outcome.Passed) {
            return null;
        }
        if (outcome instanceof Outcome.Violation v) {
            return "VIOLATION " + v.property() + ": " + shape(v.message());
        }
        if (outcome instanceof Outcome.Deadlock d) {
            TreeSet<String> lines = new TreeSet<>();
            for (String b : d.blocked()) {
                lines.add(shape(b));
            }
            return "DEADLOCK: " + String.join("; ", lines);
        }
        if (outcome instanceof Outcome.Liveness l) {
            return "LIVENESS: " + l.op() + " did not finish";
        }
        if (outcome instanceof Outcome.Incomplete in) {
            return "INCOMPLETE: " + in.reason();
        }
        Outcome.InternalError e = (Outcome.InternalError) outcome;
        String cause = e.cause() == null ? "" : e.cause().getClass().getName() + " ";
        return "INTERNAL_ERROR: " + cause + shape(e.message());
    }

    /**
     * @param text a message
     * @return it with every integer replaced by {@code #} and a run of equal words (a listing, such as every
     *         account's balance) cut to its first and {@code ...}, so listings of any length have one shape
     */
    static String shape(String text) {
        String[] words = NUMBER.matcher(text).replaceAll("#").split(" ", -1);
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < words.length; i++) {
            boolean repeat = i > 0 && core(words[i]).equals(core(words[i - 1]));
            boolean runEnds = i + 1 == words.length || !core(words[i + 1]).equals(core(words[i]));
            if (!repeat) {
                b.append(i > 0 ? " " : "").append(words[i]);
            } else if (runEnds) {
                b.append(" ...").append(words[i].substring(core(words[i]).length()));
            }
        }
        return b.toString();
    }

    /** @return a word without its trailing punctuation */
    private static String core(String word) {
        int end = word.length();
        while (end > 0 && ",;.)]".indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        return word.substring(0, end);
    }

}
