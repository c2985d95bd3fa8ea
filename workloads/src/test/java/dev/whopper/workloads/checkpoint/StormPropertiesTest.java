package dev.whopper.workloads.checkpoint;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.db.CheckpointMode;
import dev.whopper.workloads.property.PropertyViolation;
import dev.whopper.workloads.property.RunEnd;
import dev.whopper.workloads.property.Violation;
import org.junit.jupiter.api.Test;

/** The checkpoint-storm properties catch hand-made bad outcomes with the expected message and pass good ones. */
class StormPropertiesTest {
    /** Keys 0..3; transaction 1 wrote keys 0 and 1 (acknowledged), transaction 2 wrote keys 1 and 2 (acknowledged). */
    private static StormModel model() {
        StormModel m = new StormModel(4);
        long t1 = m.nextTxn();
        m.attempted(t1, new int[] {0, 1});
        m.acknowledged(t1, 1_000);
        long t2 = m.nextTxn();
        m.attempted(t2, new int[] {1, 2});
        m.acknowledged(t2, 2_000);
        return m;
    }

    @Test
    void aConsistentSnapshotPasses() {
        StormModel m = model();
        assertNull(m.check(new long[] {1, 2, 2, 0}, m.acked.clone(), m.lastTxn(), null));
        // A snapshot taken before transaction 2 was acknowledged may show transaction 1's state.
        assertNull(m.check(new long[] {1, 1, 0, 0}, new long[] {1, 1, 0, 0}, 1, null));
    }

    @Test
    void aSnapshotMissingAnAcknowledgedCommitFails() {
        StormModel m = model();
        String p = m.check(new long[] {1, 1, 0, 0}, m.acked.clone(), m.lastTxn(), null);
        assertEquals("c/001 holds transaction 1, older than transaction 2, acknowledged before the snapshot was taken", p);
    }

    @Test
    void aSnapshotShowingPartOfATransactionFails() {
        StormModel m = model();
        String p = m.check(new long[] {1, 2, 0, 0}, new long[] {1, 1, 0, 0}, 2, null);
        assertEquals("transaction 2 shows at c/001 but not at c/002 (which holds 0)", p);
    }

    @Test
    void aValueNoTransactionWroteOrOneFromTheFutureFails() {
        StormModel m = model();
        assertEquals("c/003 holds 2, which no transaction wrote there",
            m.check(new long[] {1, 2, 2, 2}, m.acked.clone(), m.lastTxn(), null));
        assertEquals("c/001 holds transaction 2, drawn after the state was taken (newest then: 1)",
            m.check(new long[] {1, 2, 2, 0}, new long[] {1, 1, 0, 0}, 1, null));
    }

    @Test
    void aRecoveryLosingAnAcknowledgedCommitFailsUnlessABitFlipInTheWalExplainsIt() {
        StormModel m = model();
        long[] lost = {1, 1, 0, 0};
        assertEquals("c/001 holds transaction 1, older than transaction 2, acknowledged before the crash",
            m.check(lost, m.acked.clone(), m.lastTxn(), walEnd -> false));
        assertNull(m.check(lost, m.acked.clone(), m.lastTxn(), walEnd -> walEnd == 2_000), "a flip before its frames' end");
        assertEquals(2, m.writesLostToBitRot);
    }

    @Test
    void checkpointsBusyForeverAfterFaultsStoppedFailProgress() {
        StormProperties.Progress p = new StormProperties().progress;
        p.checkpointEnded(false, 0, CheckpointMode.PASSIVE, false, true, "BUSY"); // during faults: not counted
        for (int i = 0; i < 4; i++) {
            p.checkpointEnded(true, 1_000_000L * (i + 1), CheckpointMode.PASSIVE, false, true, "BUSY");
        }
        PropertyViolation v = assertThrows(PropertyViolation.class,
            () -> p.checkpointEnded(true, 200_000_000L, CheckpointMode.PASSIVE, false, true, "BUSY"));
        assertEquals("checkpoint-progress", v.violation().property());
        assertTrue(v.violation().message().startsWith("5 PASSIVE checkpoints in a row refused BUSY after faults stopped"),
            v.violation().message());
    }

    @Test
    void busyRestartsAndABusyStreakThatEndsInASuccessPass() {
        StormProperties.Progress p = new StormProperties().progress;
        for (int i = 0; i < 30; i++) {
            p.checkpointEnded(true, 10_000_000L * i, CheckpointMode.RESTART, false, true, "BUSY"); // readers: legitimate
        }
        for (int i = 0; i < 4; i++) {
            p.checkpointEnded(true, 400_000_000L + i, CheckpointMode.PASSIVE, false, true, "BUSY");
        }
        p.checkpointEnded(true, 500_000_000L, CheckpointMode.FULL, true, false, "");
        assertDoesNotThrow(() -> p.checkpointEnded(true, 900_000_000L, CheckpointMode.PASSIVE, false, true, "BUSY"));
        assertNull(p.onEnd(new RunEnd(true, 100, 1_000_000_000L)));
    }

    @Test
    void noSuccessfulCheckpointOrCommitAfterFaultsStoppedFailsAtTheEnd() {
        StormProperties.Progress p = new StormProperties().progress;
        for (int i = 0; i < 4; i++) {
            p.checkpointEnded(true, i, CheckpointMode.TRUNCATE, false, true, "BUSY");
        }
        Violation v = p.onEnd(new RunEnd(true, 100, 1_000));
        assertEquals("checkpoint-progress: none of 4 checkpoints after faults stopped succeeded; last refusal: TRUNCATE: BUSY",
            v.toString());
        assertNull(p.onEnd(new RunEnd(false, 100, 1_000)), "a run cut short by its budget is not judged");
        StormProperties.Progress w = new StormProperties().progress;
        for (int i = 0; i < 4; i++) {
            w.writeEnded(true, false, true, "BUSY in BEGIN");
        }
        assertEquals("checkpoint-progress: none of 4 writes after faults stopped committed", w.onEnd(new RunEnd(true, 1, 1)).toString());
        w.writeEnded(true, true, false, "");
        assertNull(w.onEnd(new RunEnd(true, 1, 1)));
    }

    @Test
    void writesBusyForeverAfterFaultsStoppedFailProgress() {
        StormProperties.Progress p = new StormProperties().progress;
        for (int i = 0; i < StormProperties.MAX_WRITE_BUSY_STREAK - 1; i++) {
            p.writeEnded(true, false, true, "BUSY in BEGIN");
        }
        PropertyViolation v = assertThrows(PropertyViolation.class, () -> p.writeEnded(true, false, true, "BUSY in BEGIN"));
        assertEquals("checkpoint-progress: 20 writes in a row refused BUSY after faults stopped (a writer lock kept after an "
            + "error?); last: BUSY in BEGIN", v.violation().toString());
    }
}
