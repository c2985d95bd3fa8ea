package dev.whopper.workloads.bank;

import dev.whopper.core.db.IntegrityReport;
import dev.whopper.core.storage.btree.Entry;
import dev.whopper.workloads.dbclient.IntegrityVerdict;
import dev.whopper.workloads.dbclient.RecoveredWalEnd;
import dev.whopper.workloads.spi.FaultOracle;
import dev.whopper.workloads.property.Properties;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.PropertyViolation;
import dev.whopper.workloads.property.Blamed;
import java.util.List;
import java.util.function.Supplier;

/**
 * The bank's properties. Conservation, durability, integrity and no-corruption are checked by the bank's
 * operations at the moment they observe the state (a scan, a recovery, an integrity check, an error), through
 * the check methods here; the final verification is checked at the end of the run.
 */
final class BankProperties {
    /** Property: every committed state holds the bank's total. */
    static final String CONSERVATION = "bank-conservation";
    /** Property: acknowledged commits survive a crash; unacknowledged ones are all-or-nothing. */
    static final String DURABILITY = "bank-durability";
    /** Property: the integrity check is clean after recovery and at the end. */
    static final String INTEGRITY = "integrity";
    /** Property: after every open that recovered frames, the WAL ends at the last one ({@link RecoveredWalEnd}). */
    static final String WAL_END = "bank" + RecoveredWalEnd.SUFFIX;
    /** Property: no corruption is reported when no fault can corrupt data. */
    static final String NO_CORRUPTION = "no-corruption";

    /** Every committed state sums to the bank's total. */
    static final class Conservation implements Property {
        @Override
        public String name() {
            return CONSERVATION;
        }

        /**
         * A check that blames nobody in particular (a recovery's scan: no transfer runs concurrently).
         *
         * @param model    the bank's expected state
         * @param accounts the account entries the scan returned
         * @param when     when it was observed, for the message
         * @throws PropertyViolation when they do not sum to the total
         */
        void check(BankModel model, List<Entry> accounts, String when) {
            check(model, accounts, when, List::of);
        }

        /**
         * @param model    the bank's expected state
         * @param accounts the account entries a snapshot scan returned (absent accounts hold the initial balance)
         * @param when     when it was observed, for the message
         * @param culprits whom a wrong sum is blamed on (asked only then)
         * @throws PropertyViolation when they do not sum to the total
         */
        void check(BankModel model, List<Entry> accounts, String when, Supplier<List<Blamed>> culprits) {
            long sum = 0;
            for (Entry e : accounts) {
                sum += BankModel.decode(e.value(), 0);
            }
            sum += (model.accounts - accounts.size()) * model.initialBalance;
            if (sum != model.total()) {
                StringBuilder sb = new StringBuilder();
                for (Entry e : accounts) {
                    sb.append(' ').append(BankModel.text(e.key())).append('=').append(BankModel.decode(e.value(), 0));
                }
                throw new PropertyViolation(violation(when + ": accounts sum to " + sum + ", expected " + model.total()
                    + " (" + accounts.size() + " of " + model.accounts + " accounts stored:" + sb + ")")
                    .blaming(culprits.get()));
            }
        }
    }

    /** After a recovery, every fiber's last acknowledged commit is there, and nothing newer than its last attempt. */
    static final class Durability implements Property {
        /** Acknowledged commits a flipped bit in the WAL cut off (counted, not a violation). */
        long commitsLostToBitRot;

        @Override
        public String name() {
            return DURABILITY;
        }

        /** Whether a bit flip explains why a fiber's acknowledged commit {@code seq} (the first one lost) is gone. */
        @FunctionalInterface
        interface Excuse {
            boolean lostToBitRot(int fiber, long seq);
        }

        /**
         * @param model        the bank's expected state; acknowledgements a bit flip explains are withdrawn
         * @param recoveredSeq per fiber, the sequence number recovery shows
         * @param excuse       whether a flipped bit that hit the first lost commit's own frames (or frames before
         *                     them, after it was written) explains the loss: any other flip does not
         * @param when         which recovery, for the message
         * @throws PropertyViolation when a fiber shows less than acknowledged or more than attempted
         */
        void check(BankModel model, long[] recoveredSeq, Excuse excuse, String when) {
            check(model, recoveredSeq, excuse, when, null);
        }

        /**
         * @param model        the bank's expected state
         * @param recoveredSeq per fiber, the sequence number recovery shows
         * @param excuse       whether a flipped bit explains a loss (see above)
         * @param when         which recovery, for the message
         * @param transfers    the transfers, to blame the lost acknowledged ones; or null
         * @throws PropertyViolation when a fiber shows less than acknowledged or more than attempted
         */
        void check(BankModel model, long[] recoveredSeq, Excuse excuse, String when, TransferLog transfers) {
            for (int f = 0; f < model.fibers; f++) {
                if (recoveredSeq[f] < model.ackedSeq[f] && excuse.lostToBitRot(f, recoveredSeq[f] + 1)) {
                    // A flipped bit in the WAL ends the valid log early: acknowledged commits after it are
                    // lost, as on a real disk with bit rot.
                    commitsLostToBitRot += model.ackedSeq[f] - recoveredSeq[f];
                    model.ackedSeq[f] = recoveredSeq[f];
                }
                if (recoveredSeq[f] < model.ackedSeq[f] || recoveredSeq[f] > model.attemptedSeq[f]) {
                    throw new PropertyViolation(violation(when + " fiber " + f + " shows commit #" + recoveredSeq[f]
                        + ", but #" + model.ackedSeq[f] + " was acknowledged and #" + model.attemptedSeq[f]
                        + " was the last attempted").blaming(transfers == null ? List.of()
                        : transfers.lost(f, recoveredSeq[f], model.ackedSeq[f], model)));
                }
            }
        }
    }

    /** The integrity check comes back clean after every recovery and at the end. */
    static final class Integrity implements Property {
        @Override
        public String name() {
            return INTEGRITY;
        }

        /**
         * @param problems what the integrity check found
         * @param when     when it ran, for the message
         * @throws PropertyViolation when it found anything
         */
        void check(List<String> problems, String when) {
            if (!problems.isEmpty()) {
                throw new PropertyViolation(violation(when + ": " + problems.size() + " problem(s), first: " + problems.get(0)));
            }
        }

        /** Reports damage that a detected bit flip explains (counted, not a violation). */
        long explainedByBitFlip;

        /**
         * @param report what the integrity check found
         * @param faults what the disk injected: damage of pages read from bytes a flipped bit hit is expected
         * @param when   when it ran, for the message
         * @throws PropertyViolation when it found damage nothing explains
         */
        void check(IntegrityReport report, FaultOracle faults, String when) {
            IntegrityVerdict v = IntegrityVerdict.of(report, faults);
            if (v == IntegrityVerdict.EXPLAINED_BY_BIT_FLIP) {
                explainedByBitFlip++;
            } else if (v == IntegrityVerdict.DAMAGED) {
                check(report.problems(), when);
            }
        }
    }

    /** Nothing is reported corrupt unless the disk flipped a stored bit (torn writes and crashes are the WAL's job). */
    static final class NoCorruption implements Property {
        @Override
        public String name() {
            return NO_CORRUPTION;
        }

        /**
         * @param expected true when a bit flip explains a CORRUPT error
         * @param what     who saw it and the error, for the message
         * @throws PropertyViolation when nothing explains it
         */
        void check(boolean expected, String what) {
            if (!expected) {
                throw new PropertyViolation(violation(what));
            }
        }
    }

    final Conservation conservation = new Conservation();
    final Durability durability = new Durability();
    final Integrity integrity = new Integrity();
    final NoCorruption noCorruption = new NoCorruption();
    final RecoveredWalEnd walEnd = new RecoveredWalEnd(WAL_END);

    /**
     * @param world the run's shared state
     * @return every property, the final verification last
     */
    List<Property> all(BankWorld world) {
        return List.of(conservation, durability, integrity, noCorruption, walEnd,
            Properties.atEnd(BankWorkload.FINAL_VERIFICATION, world::finalCheckHeld));
    }
}
