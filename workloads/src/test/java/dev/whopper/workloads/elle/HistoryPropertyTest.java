package dev.whopper.workloads.elle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.workloads.check.Consistency;
import dev.whopper.workloads.history.Event;
import dev.whopper.workloads.history.History;
import dev.whopper.workloads.history.HistoryRecorder;
import dev.whopper.workloads.history.MicroOp;
import dev.whopper.workloads.history.Model;
import dev.whopper.workloads.property.RunEnd;
import dev.whopper.workloads.property.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The end-of-run history property: a stale read fails strict serializability with its witness, a bit flip excuses it. */
class HistoryPropertyTest {
    private static History staleRead() {
        HistoryRecorder r = new HistoryRecorder();
        int a = r.invoke(0, 10, List.of(new MicroOp.Append(1, 1)));
        r.complete(a, Event.Type.OK, 20, List.of(new MicroOp.Append(1, 1)));
        int b = r.invoke(1, 30, List.of(MicroOp.ListRead.unknown(1)));
        r.complete(b, Event.Type.OK, 40, List.of(new MicroOp.ListRead(1, new long[0])));
        int c = r.invoke(2, 50, List.of(MicroOp.ListRead.unknown(1)));
        r.complete(c, Event.Type.OK, 60, List.of(new MicroOp.ListRead(1, new long[] {1})));
        return r.history();
    }

    private static final RunEnd DONE = new RunEnd(true, 100, 1000);

    @Test
    void failsWithTheWitnessAndHoldsUnderAWeakerModel() {
        HistoryProperty strict = new HistoryProperty(Model.LIST_APPEND, Consistency.STRICT_SERIALIZABLE, HistoryPropertyTest::staleRead);
        Violation v = strict.onEnd(DONE);
        assertNotNull(v);
        assertEquals("elle-strict-serializable", v.property());
        assertTrue(v.message().startsWith("list-append history not strict-serializable: G-single-realtime (1); first: "
            + "G-single-realtime: a cycle of 2 transactions"), v.message());
        assertTrue(v.message().contains("T1 -realtime-> T3: T1 completed (index 1, time 20) before T3 was invoked (index 2, time 30)"),
            v.message());
        assertNull(strict.onEnd(new RunEnd(false, 100, 1000)), "a run cut short is not checked");
        assertNull(new HistoryProperty(Model.LIST_APPEND, Consistency.SERIALIZABLE, HistoryPropertyTest::staleRead).onEnd(DONE));
    }

    @Test
    void aViolationBlamesEachWitnessTransactionsFiberAndOperation() {
        HistoryProperty strict = new HistoryProperty(Model.LIST_APPEND, Consistency.STRICT_SERIALIZABLE,
            HistoryPropertyTest::staleRead, () -> false, index -> 100 + index);
        Violation v = strict.onEnd(DONE);
        assertNotNull(v);
        List<dev.whopper.workloads.property.Blamed> blamed = v.blamed();
        assertEquals(2, blamed.size(), blamed.toString());
        var byFiber = new java.util.TreeMap<Integer, dev.whopper.workloads.property.Blamed>();
        blamed.forEach(b -> byFiber.put(b.fiber(), b));
        assertEquals(List.of(0, 1), List.copyOf(byFiber.keySet()), "process 0 appended, process 1 read stale");
        assertEquals(100, byFiber.get(0).opIndex(), "T1 was invoked at history index 0");
        assertEquals(102, byFiber.get(1).opIndex(), "T3 was invoked at history index 2");
        assertEquals(10, byFiber.get(0).fromNanos());
        assertEquals(20, byFiber.get(0).toNanos());
        assertEquals(30, byFiber.get(1).fromNanos());
        assertTrue(byFiber.get(0).reason().startsWith("T1 in the G-single-realtime cycle: realtime edge to T3 (T1 completed"),
            byFiber.get(0).reason());
        assertTrue(byFiber.get(1).reason().startsWith("T3 in the G-single-realtime cycle: rw edge on key 1 to T1"),
            byFiber.get(1).reason());
        Violation plain = new HistoryProperty(Model.LIST_APPEND, Consistency.STRICT_SERIALIZABLE, HistoryPropertyTest::staleRead)
            .onEnd(DONE);
        assertEquals(List.of(-1L, -1L), plain.blamed().stream().map(b -> b.opIndex()).toList(),
            "without operation numbers the fibers are still named; the timeline then matches by time");
    }

    @Test
    void aBitFlipBeforeARecoveryExcusesAFailureAndCountsIt() {
        HistoryProperty excused = new HistoryProperty(Model.LIST_APPEND, Consistency.STRICT_SERIALIZABLE,
            HistoryPropertyTest::staleRead, () -> true);
        assertNull(excused.onEnd(DONE));
        assertEquals(1, excused.excusedFailures());
        HistoryProperty notExcused = new HistoryProperty(Model.LIST_APPEND, Consistency.STRICT_SERIALIZABLE,
            HistoryPropertyTest::staleRead, () -> false);
        assertNotNull(notExcused.onEnd(DONE));
        assertEquals(0, notExcused.excusedFailures());
    }
}
