package dev.whopper.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.reports.model.Blame;
import dev.whopper.reports.model.TimelineEvent;
import dev.whopper.sim.trace.EventKind;
import dev.whopper.workloads.property.Blamed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How blame is matched to the timeline's operations, on hand-made events. */
class BlamingTest {
    /**
     * Fiber 1: op 0 [100, 300], op 1 [300, ...) started in the step op 0 ended. Fiber 2: op 0 [50, 200] (ends before
     * the failing op starts), op 1 [400, ...) open. Fiber 0 fails in its op 0 started at 250, found at 500.
     */
    private static LastEvents events() {
        LastEvents e = new LastEvents();
        e.event(1, 50, 2, "w", EventKind.OP_START, null);
        e.event(2, 100, 1, "t", EventKind.OP_START, null);
        e.event(3, 200, 2, "w", EventKind.DONE, "ok");
        e.event(4, 250, 0, "audit", EventKind.OP_START, null);
        e.event(5, 260, -1, "WRITE", EventKind.FAULT, "bank.db @0");
        e.event(6, 300, 1, "t", EventKind.DONE, "ok");
        e.event(6, 300, 1, "t", EventKind.OP_START, null);
        e.event(7, 400, 2, "w", EventKind.OP_START, null);
        e.event(8, 450, 1, "t", EventKind.BLOCKED, "io");
        return e;
    }

    private static Blaming.Result blame(List<Blamed> given) {
        return Blaming.of(events().kept(0, List.of(), 16), 0, 500, given);
    }

    private static List<String> marked(Blaming.Result r) {
        return r.timeline().stream().filter(TimelineEvent::offending)
            .map(e -> e.step() + ":" + e.fiber() + ":" + e.kind() + ":" + e.blame()).toList();
    }

    @Test
    void aBlamedOperationNumberMarksExactlyThatOperationNotTheOneStartedInTheSameStep() {
        Blaming.Result r = blame(List.of(new Blamed(1, 0, 100, 300, "wrote it")));
        assertEquals(List.of("2:1:OP_START:wrote it", "4:0:OP_START:" + Blaming.FAILING, "5:-1:FAULT:" + Blaming.FAULT,
            "6:1:DONE:wrote it"), marked(r));
        assertEquals(List.of(new Blame(1, 0, 100, 300, "t", "wrote it", false)), r.blamed());
    }

    @Test
    void withoutANumberTheOperationRunningAtTheBlamedTimeIsMarked() {
        Blaming.Result r = blame(List.of(new Blamed(1, -1, 300, 450, "read it")));
        assertTrue(marked(r).containsAll(List.of("6:1:OP_START:read it", "8:1:BLOCKED:read it")), marked(r).toString());
        assertFalse(marked(r).contains("6:1:DONE:read it"), "op 0 ended at 300 but op 1 started then: op 1 is meant");
        assertEquals(1, r.blamed().get(0).opIndex(), "the number it resolved to");
    }

    @Test
    void anOperationWhoseEventsWereNotKeptIsListedNotMarked() {
        Blaming.Result r = blame(List.of(new Blamed(3, 7, 10, 20, "long ago")));
        assertEquals(List.of(new Blame(3, 7, 10, 20, "", "long ago", false)), r.blamed());
        assertEquals(List.of("4:0:OP_START:" + Blaming.FAILING, "5:-1:FAULT:" + Blaming.FAULT), marked(r));
    }

    @Test
    void theHeuristicGuessesTheOperationsThatOverlappedTheFailingOneAndNoOther() {
        Blaming.Result r = blame(List.of());
        assertEquals(List.of(new Blame(1, 0, 100, 300, "t", Blaming.OVERLAP, true),
            new Blame(1, 1, 300, 500, "t", Blaming.OVERLAP, true),
            new Blame(2, 1, 400, 500, "w", Blaming.OVERLAP, true)), r.blamed(),
            "fiber 2's op 0 ended at 200, before the failing op started at 250");
        assertTrue(marked(r).stream().noneMatch(m -> m.startsWith("1:2:") || m.startsWith("3:2:")), marked(r).toString());
    }

    @Test
    void anOperationACrashAbandonedEndedWhenItsFibersNextOneStarted() {
        LastEvents e = new LastEvents();
        e.event(1, 100, 1, "t", EventKind.OP_START, null);
        e.event(2, 150, -1, "", EventKind.CRASH, null);
        e.event(3, 200, 1, "t", EventKind.OP_START, null);
        e.event(4, 250, 0, "audit", EventKind.OP_START, null);
        Blaming.Result r = Blaming.of(e.kept(0, List.of(), 16), 0, 500, List.of());
        assertEquals(List.of(new Blame(1, 1, 200, 500, "t", Blaming.OVERLAP, true)), r.blamed(),
            "op 0 of fiber 1 never finished, but it was over when op 1 started at 200, before the failing op");
    }

    @Test
    void aFailureWithoutAFiberBlamesOnlyWhatThePropertyNames() {
        Blaming.Result r = Blaming.of(events().kept(-1, List.of(), 16), -1, 500, List.of());
        assertEquals(List.of(), r.blamed());
        assertEquals(List.of(), marked(r));
    }
}
