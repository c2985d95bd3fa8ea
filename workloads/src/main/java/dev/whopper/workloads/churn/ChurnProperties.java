package dev.whopper.workloads.churn;

import dev.whopper.workloads.dbclient.RecoveredWalEnd;
import dev.whopper.core.db.IntegrityReport;
import dev.whopper.workloads.property.Properties;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.PropertyViolation;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The properties of {@code btree-churn}, checked by its operations at the moment they observe the tree (a scan, a
 * recovery, an integrity check, an error) through the check methods here; the final verification is checked at
 * the end of the run.
 */
final class ChurnProperties {
    /** Property: every scan returns exactly the acknowledged contents of its range at its snapshot. */
    static final String MODEL = "churn-model";
    /** Property: after each recovery the tree holds every acknowledged write, and commits of unknown outcome whole or not at all. */
    static final String DURABILITY = "churn-durability";
    /** Property: the integrity check is clean (or its damage is what a detected bit flip did). */
    static final String INTEGRITY = "churn-integrity";
    /** Property: nothing is reported corrupt unless the disk flipped a stored bit. */
    static final String NO_CORRUPTION = "churn-no-corruption";
    /** Property: when every fiber finished, the final scan and integrity check ran. */
    static final String FINAL = "churn-final-verification";
    /** Property: after every open that recovered frames, the WAL ends at the last one ({@link RecoveredWalEnd}). */
    static final String WAL_END = "churn" + RecoveredWalEnd.SUFFIX;

    /** Scans match the model. */
    static final class Model implements Property {
        @Override
        public String name() {
            return MODEL;
        }

        /**
         * @param expected the acknowledged contents of the range at the scan's snapshot
         * @param got      what the scan returned
         * @param what     who scanned which range, for the message
         * @throws PropertyViolation at the first difference
         */
        void check(NavigableMap<String, String> expected, NavigableMap<String, String> got, String what) {
            if (expected.equals(got)) {
                return;
            }
            for (Map.Entry<String, String> e : expected.entrySet()) {
                String g = got.get(e.getKey());
                if (!e.getValue().equals(g)) {
                    throw new PropertyViolation(violation(what + ": " + e.getKey() + " holds " + ChurnModel.show(g)
                        + ", expected " + ChurnModel.show(e.getValue()) + " (" + got.size() + " keys returned, "
                        + expected.size() + " expected)"));
                }
            }
            for (String k : got.keySet()) {
                if (!expected.containsKey(k)) {
                    throw new PropertyViolation(violation(what + ": " + k + " holds " + ChurnModel.show(got.get(k))
                        + ", expected nothing (" + got.size() + " keys returned, " + expected.size() + " expected)"));
                }
            }
        }
    }

    /** Recovery keeps acknowledged writes. */
    static final class Durability implements Property {
        @Override
        public String name() {
            return DURABILITY;
        }

        /**
         * @param problems what {@link ChurnModel#compareRecovered} found
         * @param when     which recovery
         * @throws PropertyViolation when it found anything
         */
        void check(List<String> problems, String when) {
            if (!problems.isEmpty()) {
                throw new PropertyViolation(violation(when + ": " + String.join("; ", problems)));
            }
        }
    }

    /** The integrity check comes back clean, or with damage that a detected bit flip explains. */
    static final class Integrity implements Property {
        @Override
        public String name() {
            return INTEGRITY;
        }

        /**
         * @param report damage nothing explains
         * @param when   when the check ran
         * @throws PropertyViolation always
         */
        void damaged(IntegrityReport report, String when) {
            throw new PropertyViolation(violation(when + ": " + report.problems().size() + " problem(s), first: "
                + report.problems().get(0)));
        }
    }

    /** Nothing is reported corrupt unless the disk flipped a stored bit. */
    static final class NoCorruption implements Property {
        @Override
        public String name() {
            return NO_CORRUPTION;
        }

        /**
         * @param expected true when a bit flip explains a CORRUPT error
         * @param what     who saw it and the error
         * @throws PropertyViolation when nothing explains it
         */
        void check(boolean expected, String what) {
            if (!expected) {
                throw new PropertyViolation(violation(what));
            }
        }
    }

    final Model model = new Model();
    final Durability durability = new Durability();
    final Integrity integrity = new Integrity();
    final NoCorruption noCorruption = new NoCorruption();

    /** @return the names of every property, in {@link #all} order */
    static List<String> names() {
        return List.of(MODEL, DURABILITY, INTEGRITY, NO_CORRUPTION, FINAL, WAL_END);
    }

    List<Property> all(ChurnWorld world) {
        return List.of(model, durability, integrity, noCorruption, Properties.atEnd(FINAL, world::finalCheckHeld),
            world.walEnd);
    }
}
