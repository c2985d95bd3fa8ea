package dev.whopper.workloads.counter;

import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.PropertyViolation;

/**
 * The counters' bounds: no acknowledged increment is ever lost (a value below the acknowledged count), and no
 * increment appears from nowhere or twice (a value above acknowledged + unknown-outcome + in-flight increments).
 * Checked at every read, after every open (durability across crashes) and by the final read pass.
 */
public final class CounterProperties {
    /** Property: every read shows at least the increments acknowledged before its snapshot. */
    public static final String NO_LOST_INCREMENT = "counter-no-lost-increment";
    /** Property: no read shows more increments than were ever attempted. */
    public static final String NO_PHANTOM_INCREMENT = "counter-no-phantom-increment";

    /** The lower bound. */
    public static final class NoLostIncrement implements Property {
        @Override
        public String name() {
            return NO_LOST_INCREMENT;
        }
    }

    /** The upper bound. */
    public static final class NoPhantomIncrement implements Property {
        @Override
        public String name() {
            return NO_PHANTOM_INCREMENT;
        }
    }

    /** What a bit flip excuses: the loss of counter {@code k}'s increments down to {@code observed}. */
    @FunctionalInterface
    public interface Excuse {
        /** Never an excuse. */
        Excuse NONE = (k, observed) -> false;

        boolean lostToBitRot(int k, long observed);
    }

    public final NoLostIncrement noLost = new NoLostIncrement();
    public final NoPhantomIncrement noPhantom = new NoPhantomIncrement();
    /** The last increments of every counter: whom a broken bound is blamed on. */
    final IncrementLog increments = new IncrementLog();
    /** Acknowledged increments a flipped WAL bit cut off (counted, not a violation). */
    long lostToBitRot;

    /**
     * @param model    the counters' model
     * @param k        the counter
     * @param observed the value read
     * @param lower    the lowest value allowed (acknowledged before the reader's snapshot)
     * @param upper    the highest value allowed (acknowledged + unknown + in flight when the read returned)
     * @param when     who read it and when, for the message
     * @throws PropertyViolation when {@code observed} is outside [lower, upper]
     */
    public void check(CounterModel model, int k, long observed, long lower, long upper, String when) {
        if (observed < lower) {
            throw new PropertyViolation(noLost.violation(when + ": " + text(model, k) + " is " + observed + ", but "
                + lower + " increments were acknowledged (" + (lower - observed) + " lost)")
                .blaming(increments.culprits(k, text(model, k), observed, lower, upper)));
        }
        if (observed > upper) {
            throw new PropertyViolation(noPhantom.violation(when + ": " + text(model, k) + " is " + observed
                + ", but at most " + upper + " increments can have happened (" + model.acked[k] + " acknowledged, "
                + model.unknown[k] + " of unknown outcome, " + model.inCommit[k] + " committing)")
                .blaming(increments.culprits(k, text(model, k), observed, lower, upper)));
        }
    }

    /**
     * Checks the values an open (the first, a recovery, a reopen) shows: every acknowledged increment is there
     * unless a flipped WAL bit explains its loss, and nothing more than acknowledged + unknown.
     *
     * @param model  the model (acknowledgements a bit flip explains are withdrawn)
     * @param values the values the open shows
     * @param excuse whether a flipped bit explains a loss
     * @param when   which open, for the message
     */
    public void checkRecovered(CounterModel model, long[] values, Excuse excuse, String when) {
        for (int k = 0; k < model.counters; k++) {
            if (values[k] < model.acked[k] && values[k] >= 0 && excuse.lostToBitRot(k, values[k])) {
                lostToBitRot += model.acked[k] - values[k];
                model.acked[k] = values[k];
            }
            check(model, k, values[k], model.lower(k), model.upper(k), when);
        }
    }

    private static String text(CounterModel model, int k) {
        return new String(model.key(k), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
