package dev.whopper.workloads.counter;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whopper.workloads.property.PropertyViolation;
import org.junit.jupiter.api.Test;

/** The counter's bounds on hand-made outcomes. */
class CounterPropertiesTest {
    private final CounterModel model = new CounterModel(2, 3);
    private final CounterProperties properties = new CounterProperties();

    /** Counter 0: 2 increments acknowledged, 1 whose commit failed, 1 committing now (fiber 2). */
    private void history() {
        model.commitStarted(0, 0);
        model.acknowledged(0, 100);
        model.commitStarted(1, 0);
        model.acknowledged(1, 200);
        model.commitStarted(0, 0);
        model.outcomeUnknown(0);
        model.commitStarted(2, 0);
    }

    @Test
    void boundsCountAcknowledgedUnknownAndCommittingIncrements() {
        history();
        assertEquals(2, model.lower(0));
        assertEquals(4, model.upper(0));
        assertEquals(0, model.upper(1));
        for (long v = 2; v <= 4; v++) {
            long value = v;
            assertDoesNotThrow(() -> properties.check(model, 0, value, 2, model.upper(0), "fiber 1 (read)"));
        }
    }

    @Test
    void aLostIncrementIsCaught() {
        history();
        PropertyViolation v = assertThrows(PropertyViolation.class,
            () -> properties.check(model, 0, 1, model.lower(0), model.upper(0), "fiber 1 (read)"));
        assertEquals(CounterProperties.NO_LOST_INCREMENT, v.violation().property());
        assertEquals("fiber 1 (read): ctr/00 is 1, but 2 increments were acknowledged (1 lost)", v.violation().message());
    }

    @Test
    void aLostIncrementBlamesTheAcknowledgedIncrementsTheReadMissedAndTwinsThatWroteTheSameValue() {
        IncrementLog.Entry a = properties.increments.begin(0, 0, 4, 1_000);
        IncrementLog.acknowledged(a, 2_000, 1);
        IncrementLog.Entry b = properties.increments.begin(0, 1, 7, 1_500);
        IncrementLog.acknowledged(b, 2_500, 1); // read 0 too: wrote the same value, one increment lost
        IncrementLog.Entry c = properties.increments.begin(0, 2, 2, 3_000);
        IncrementLog.acknowledged(c, 4_000, 2);
        properties.increments.begin(1, 2, 3, 3_000); // another counter
        PropertyViolation v = assertThrows(PropertyViolation.class,
            () -> properties.check(model, 0, 1, 3, 3, "fiber 1 (read)"));
        var blamed = v.violation().blamed();
        assertEquals(3, blamed.size(), blamed.toString());
        assertEquals(new dev.whopper.workloads.property.Blamed(0, 4, 1_000, 2_000,
            "wrote ctr/00 = 1 (acknowledged), as fiber 1's increment #7 did: one of the two increments was lost"), blamed.get(0));
        assertEquals(1, blamed.get(1).fiber());
        assertEquals("wrote ctr/00 = 2 (acknowledged), but the read saw 1", blamed.get(2).reason());
        assertEquals(2, blamed.get(2).opIndex());
    }

    @Test
    void anIncrementFromNowhereIsCaught() {
        history();
        PropertyViolation v = assertThrows(PropertyViolation.class,
            () -> properties.check(model, 0, 5, model.lower(0), model.upper(0), "the final read pass"));
        assertEquals(CounterProperties.NO_PHANTOM_INCREMENT, v.violation().property());
        assertEquals("the final read pass: ctr/00 is 5, but at most 4 increments can have happened (2 acknowledged, 1 of unknown "
            + "outcome, 1 committing)", v.violation().message());
    }

    @Test
    void aCrashMakesCommittingIncrementsUnknownAndARecoveryMustKeepTheAcknowledged() {
        history();
        model.crashed();
        assertEquals(2, model.unknown[0]);
        assertEquals(0, model.inCommit[0]);
        assertDoesNotThrow(() -> properties.checkRecovered(model, new long[] {3, 0}, CounterProperties.Excuse.NONE, "after recovery #1"));
        PropertyViolation v = assertThrows(PropertyViolation.class,
            () -> properties.checkRecovered(model, new long[] {1, 0}, CounterProperties.Excuse.NONE, "after recovery #1"));
        assertEquals("after recovery #1: ctr/00 is 1, but 2 increments were acknowledged (1 lost)", v.violation().message());
        assertThrows(PropertyViolation.class,
            () -> properties.checkRecovered(model, new long[] {5, 0}, CounterProperties.Excuse.NONE, "after recovery #1"));
    }

    @Test
    void aFlippedWalBitBelowTheFirstLostIncrementExcusesItsLoss() {
        history();
        model.crashed();
        assertEquals(200, model.firstLostWalEnd(0, 1), "the second acknowledged increment is the first lost when 1 shows");
        long[] seen = new long[2];
        properties.checkRecovered(model, new long[] {1, 0}, (k, observed) -> {
            seen[0] = model.firstLostWalEnd(k, observed);
            return seen[0] == 200;
        }, "after recovery #1");
        assertEquals(1, model.acked[0]);
        assertEquals(1, properties.lostToBitRot);
        model.recovered(new long[] {1, 0}, true);
        assertEquals(0, model.unknown[0]);
        assertEquals(Long.MAX_VALUE, model.firstLostWalEnd(0, 1), "nothing acknowledged since the open");
    }

    @Test
    void theFirstLostIncrementIsTakenInWalOrderNotInTheOrderOfAcknowledgement() {
        CounterModel m = new CounterModel(1, 1);
        for (long walEnd : new long[] {100, 300, 200}) {
            m.commitStarted(0, 0);
            m.acknowledged(0, walEnd);
        }
        assertEquals(300, m.firstLostWalEnd(0, 2), "one lost: the increment whose frames end last, not the last acknowledged");
        assertEquals(200, m.firstLostWalEnd(0, 1), "two lost: the two whose frames end last");
        assertEquals(100, m.firstLostWalEnd(0, 0));
        assertEquals(Long.MAX_VALUE, m.firstLostWalEnd(0, 3), "nothing lost");
    }

    @Test
    void aReopenAfterAFailedSyncLeavesWhatItShowsBeyondTheAcknowledgedUnknown() {
        history();
        model.outcomeUnknown(2); // the commit in flight failed too: the database is reopened
        model.recovered(new long[] {3, 0}, false); // it shows one of the failed increments: readable, maybe not durable
        assertEquals(2, model.lower(0));
        assertEquals(3, model.upper(0));
        model.crashed();
        assertDoesNotThrow(() -> properties.checkRecovered(model, new long[] {2, 0}, CounterProperties.Excuse.NONE, "after recovery #1"));
        assertThrows(PropertyViolation.class,
            () -> properties.checkRecovered(model, new long[] {1, 0}, CounterProperties.Excuse.NONE, "after recovery #1"));
        model.recovered(new long[] {3, 0}, true); // after a crash what shows is durable
        assertEquals(3, model.lower(0));
        assertEquals(3, model.upper(0));
    }

    @Test
    void rejectsMisuse() {
        assertEquals("counters: 0 (expected: > 0)",
            assertThrows(IllegalArgumentException.class, () -> new CounterModel(0, 1)).getMessage());
        assertEquals("fiber 1 has no commit pending", assertThrows(IllegalStateException.class, () -> model.acknowledged(1, 0)).getMessage());
    }
}
