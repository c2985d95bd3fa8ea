package dev.whopper.workloads.dbclient;

import dev.whopper.workloads.property.Properties;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.PropertyViolation;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The properties every engine workload checks, named with the workload's prefix ({@code kv-integrity}): the
 * integrity check is clean after every open and at the end, nothing is reported corrupt unless the disk flipped
 * a stored bit, and the final verification ran.
 */
public final class EngineChecks {
    /** The integrity check comes back clean. */
    public static final class Integrity implements Property {
        private final String name;

        Integrity(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        /**
         * @param problems what the integrity check found
         * @param when     when it ran, for the message
         * @throws PropertyViolation when it found anything
         */
        public void check(List<String> problems, String when) {
            if (!problems.isEmpty()) {
                throw new PropertyViolation(violation(when + ": " + problems.size() + " problem(s), first: " + problems.get(0)));
            }
        }
    }

    /** Nothing is reported corrupt unless the disk flipped a stored bit (torn writes and crashes are the WAL's job). */
    public static final class NoCorruption implements Property {
        private final String name;

        NoCorruption(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        /**
         * @param expected true when a bit flip explains a CORRUPT error
         * @param what     who saw it and the error, for the message
         * @throws PropertyViolation when nothing explains it
         */
        public void check(boolean expected, String what) {
            if (!expected) {
                throw new PropertyViolation(violation(what + " (no stored bit was flipped)"));
            }
        }
    }

    /** Property name suffix: the integrity check is clean. */
    public static final String INTEGRITY = "-integrity";
    /** Property name suffix: no corruption without a bit flip. */
    public static final String NO_CORRUPTION = "-no-corruption";
    /** Property name suffix: the final verification ran when every fiber finished. */
    public static final String FINAL_VERIFICATION = "-final-verification";

    private final String prefix;
    /** Clean integrity checks. */
    public final Integrity integrity;
    /** Corruption only after bit flips. */
    public final NoCorruption noCorruption;

    /** @param prefix the workload's prefix, e.g. {@code kv} */
    public EngineChecks(String prefix) {
        this.prefix = prefix;
        this.integrity = new Integrity(prefix + INTEGRITY);
        this.noCorruption = new NoCorruption(prefix + NO_CORRUPTION);
    }

    /**
     * @param prefix a workload's prefix
     * @return the names of these properties, in the order {@link #all} gives them
     */
    public static List<String> names(String prefix) {
        return List.of(prefix + INTEGRITY, prefix + NO_CORRUPTION, prefix + FINAL_VERIFICATION);
    }

    /**
     * @param finalHeld true when the final verification ran (or could not: see {@link EngineWorld#finalCheckHeld()})
     * @return integrity, no-corruption and the final verification
     */
    public List<Property> all(BooleanSupplier finalHeld) {
        return List.of(integrity, noCorruption, Properties.atEnd(prefix + FINAL_VERIFICATION, finalHeld));
    }
}
