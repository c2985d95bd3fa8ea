package dev.whopper.workloads.checkpoint;

import dev.whopper.workloads.dbclient.RecoveredWalEnd;
import dev.whopper.core.db.CheckpointMode;
import dev.whopper.core.db.IntegrityReport;
import dev.whopper.workloads.property.Properties;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.PropertyViolation;
import dev.whopper.workloads.property.RunEnd;
import dev.whopper.workloads.property.Violation;
import java.util.List;

/** The properties of {@code checkpoint-storm}; its operations call the check methods when they observe something. */
final class StormProperties {
    /** Property: a reader's snapshot is consistent when taken, and every re-read in it gives the same values. */
    static final String SNAPSHOT = "storm-snapshot";
    /** Property: after each recovery every acknowledged commit is there, commits of unknown outcome whole or not at all. */
    static final String DURABILITY = "storm-durability";
    /** Property: once faults stop, checkpoints succeed again and commits keep being made. */
    static final String PROGRESS = "checkpoint-progress";
    /** Property: the integrity check is clean (or its damage is what a detected bit flip did). */
    static final String INTEGRITY = "storm-integrity";
    /** Property: nothing is reported corrupt unless the disk flipped a stored bit. */
    static final String NO_CORRUPTION = "storm-no-corruption";
    /** Property: when every fiber finished, the final verification ran. */
    static final String FINAL = "storm-final-verification";
    /** Property: after every open that recovered frames, the WAL ends at the last one ({@link RecoveredWalEnd}). */
    static final String WAL_END = "storm" + RecoveredWalEnd.SUFFIX;

    /**
     * PASSIVE checkpoints in a row refused BUSY after faults stopped with no checkpoint succeeding in between, at
     * which the CHECKPOINTER lock is taken to be leaked: a PASSIVE checkpoint waits for nothing but another
     * checkpoint, which gives the lock up within the busy timeout (FULL, RESTART and TRUNCATE may wait for readers
     * and be refused BUSY legitimately, so their refusals do not count).
     */
    static final int MAX_PASSIVE_BUSY_STREAK = 5;
    /**
     * ... and at least this long (5 busy timeouts of the workload's 20 ms) since faults stopped or a checkpoint last
     * succeeded: RESTART and TRUNCATE checkpoints waiting for readers may keep the lock busy for a while, legitimately.
     */
    static final long STARVATION_NANOS = 100_000_000L;
    /** Writes in a row refused BUSY after faults stopped, with no commit in between, at which WRITER is taken to be leaked. */
    static final int MAX_WRITE_BUSY_STREAK = 20;
    /** Attempts after faults stopped that must include at least one success. */
    static final int MIN_ATTEMPTS_FOR_PROGRESS = 4;

    /** A check that throws its violation with a message. */
    static final class Simple implements Property {
        private final String name;

        Simple(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        /** @throws PropertyViolation with {@code message} when {@code problem} is not null */
        void check(String problem, String when) {
            if (problem != null) {
                throw new PropertyViolation(violation(when + ": " + problem));
            }
        }
    }

    /**
     * Progress once faults stopped: a checkpointer (or writer) lock leaked on an error path shows up as every later
     * checkpoint (or write) refused BUSY, which is an accepted outcome one at a time but not forever.
     */
    static final class Progress implements Property {
        int checkpointBusyStreak;
        long checkpointsAfterStop;
        long checkpointsOkAfterStop;
        int writeBusyStreak;
        long writesAfterStop;
        long commitsAfterStop;
        String lastRefusal = "";
        /** When faults were first seen stopped, or a checkpoint last succeeded after that; -1 before. */
        long sinceNanos = -1;

        @Override
        public String name() {
            return PROGRESS;
        }

        /**
         * @param faultsStopped true when the run injects no more faults
         * @param nowNanos      the simulated time
         * @param mode          the checkpoint's mode
         * @param ok            true when it succeeded
         * @param busy          true when it was refused BUSY
         * @param message       the refusal, for the message
         * @throws PropertyViolation after {@value StormProperties#MAX_PASSIVE_BUSY_STREAK} PASSIVE checkpoints refused
         *                           BUSY once faults stopped, with no checkpoint succeeding for {@value StormProperties#STARVATION_NANOS} ns
         */
        void checkpointEnded(boolean faultsStopped, long nowNanos, CheckpointMode mode, boolean ok, boolean busy,
                             String message) {
            if (!faultsStopped) {
                return;
            }
            if (sinceNanos < 0) {
                sinceNanos = nowNanos;
            }
            checkpointsAfterStop++;
            if (ok) {
                checkpointsOkAfterStop++;
                checkpointBusyStreak = 0;
                sinceNanos = nowNanos;
            } else if (busy) {
                lastRefusal = mode + ": " + message;
                if (mode == CheckpointMode.PASSIVE && ++checkpointBusyStreak >= MAX_PASSIVE_BUSY_STREAK
                    && nowNanos - sinceNanos >= STARVATION_NANOS) {
                    throw new PropertyViolation(violation(checkpointBusyStreak + " PASSIVE checkpoints in a row refused BUSY "
                        + "after faults stopped, none succeeding for " + (nowNanos - sinceNanos) / 1_000_000
                        + " ms (a checkpoint lock kept after an error?)"));
                }
            }
        }

        /**
         * @param faultsStopped true when the run injects no more faults
         * @param committed     true when the write committed
         * @param busy          true when it was refused BUSY
         * @param message       the refusal
         * @throws PropertyViolation after {@value StormProperties#MAX_WRITE_BUSY_STREAK} BUSY refusals in a row once faults
         *                           stopped, with no commit in between
         */
        void writeEnded(boolean faultsStopped, boolean committed, boolean busy, String message) {
            if (!faultsStopped) {
                return;
            }
            writesAfterStop++;
            if (committed) {
                commitsAfterStop++;
                writeBusyStreak = 0;
            } else if (busy && ++writeBusyStreak >= MAX_WRITE_BUSY_STREAK) {
                throw new PropertyViolation(violation(writeBusyStreak + " writes in a row refused BUSY after faults stopped "
                    + "(a writer lock kept after an error?); last: " + message));
            }
        }

        @Override
        public boolean checksAtEnd() {
            return true;
        }

        @Override
        public Violation onEnd(RunEnd end) {
            if (!end.allFibersDone()) {
                return null;
            }
            if (checkpointsAfterStop >= MIN_ATTEMPTS_FOR_PROGRESS && checkpointsOkAfterStop == 0) {
                return violation("none of " + checkpointsAfterStop + " checkpoints after faults stopped succeeded; last refusal: "
                    + lastRefusal);
            }
            if (writesAfterStop >= MIN_ATTEMPTS_FOR_PROGRESS && commitsAfterStop == 0) {
                return violation("none of " + writesAfterStop + " writes after faults stopped committed");
            }
            return null;
        }
    }

    /** The integrity check. */
    static final class Integrity implements Property {
        @Override
        public String name() {
            return INTEGRITY;
        }

        void damaged(IntegrityReport report, String when) {
            throw new PropertyViolation(violation(when + ": " + report.problems().size() + " problem(s), first: "
                + report.problems().get(0)));
        }
    }

    final Simple snapshot = new Simple(SNAPSHOT);
    final Simple durability = new Simple(DURABILITY);
    final Progress progress = new Progress();
    final Integrity integrity = new Integrity();
    final Simple noCorruption = new Simple(NO_CORRUPTION);

    static List<String> names() {
        return List.of(SNAPSHOT, DURABILITY, PROGRESS, INTEGRITY, NO_CORRUPTION, FINAL, WAL_END);
    }

    List<Property> all(StormWorld world) {
        return List.of(snapshot, durability, progress, integrity, noCorruption, Properties.atEnd(FINAL, world::finalCheckHeld),
            world.walEnd);
    }
}
