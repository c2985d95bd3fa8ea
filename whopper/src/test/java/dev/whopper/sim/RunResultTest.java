package dev.whopper.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.sim.trace.Event;
import dev.whopper.sim.trace.EventKind;
import dev.whopper.workloads.bank.BankWorkload;
import dev.whopper.workloads.kernels.RaceKernel;
import dev.whopper.workloads.spi.Operation;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunResultTest {
    static final class Tally {
        int done;
    }

    private static Simulation.Builder<Tally> tally(int fibers) {
        return Simulation.builder(Tally::new).seed(3).fibers(fibers, 2, (t, ctx) -> new Operation<Void>() {
            private boolean yielded;

            @Override
            public IOResult<Void> step() {
                if (!yielded) {
                    yielded = true;
                    return IOResult.io(Completion.yielded());
                }
                t.done++;
                return IOResult.done();
            }
        });
    }

    @Test
    void aResultGivesTheFinalWorld() {
        RunResult r = tally(3).build().run();
        assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
        assertEquals(6, r.world(Tally.class).done);
        assertThrows(ClassCastException.class, () -> r.world(String.class));
    }

    @Test
    void everyEventIsThereWhenTheRunKeptEnoughOfThem() {
        RunResult all = tally(3).eventsKept(1_000).build().run();
        assertTrue(all.eventsComplete());
        List<Event> events = all.events();
        assertEquals(all.eventsWritten(), events.size());
        assertEquals(6, events.stream().filter(e -> e.kind() == EventKind.OP_START).count());
        assertEquals(6, events.stream().filter(e -> e.kind() == EventKind.DONE).count());

        RunResult last = tally(3).eventsKept(4).build().run();
        assertFalse(last.eventsComplete());
        assertEquals(4, last.lastEvents().size());
        assertEquals(all.eventsWritten(), last.eventsWritten(), "the same run wrote the same events");
        IllegalStateException e = assertThrows(IllegalStateException.class, last::events);
        assertEquals("events: " + all.eventsWritten() + " written, the last 4 kept (expected: "
            + "Simulation.Builder.eventsKept(" + all.eventsWritten() + ") or more to keep them all)", e.getMessage());
        assertEquals(all.events().subList(events.size() - 4, events.size()), last.lastEvents());
    }

    @Test
    void findFailureCountsOnlyTheOutcomeKindsItIsTold() {
        Simulation<?> lockOrder = Simulation.builder(RaceKernel.LOCK_ORDER.workload(), 2).maxSteps(2_000).build();
        RunResult deadlock = lockOrder.findFailure(1, 50);
        assertNotNull(deadlock);
        assertEquals(Outcome.Kind.DEADLOCK, deadlock.kind());
        assertNull(lockOrder.findFailure(1, 50, EnumSet.of(Outcome.Kind.VIOLATION)), "a deadlock is not a violation");
        assertEquals(deadlock.seed(), lockOrder.findFailure(1, 50, EnumSet.of(Outcome.Kind.DEADLOCK)).seed());
        assertEquals("kinds: [] (expected: at least one outcome kind)", assertThrows(IllegalArgumentException.class,
            () -> lockOrder.findFailure(1, 5, EnumSet.noneOf(Outcome.Kind.class))).getMessage());
    }

    @Test
    void aWorkloadsCountersReachTheResultAndItsDescription() {
        RunResult r = Simulation.builder(BankWorkload.of(BankWorkload.Variant.CORRECT, 10), 3).seed(5).build().run();
        assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
        assertEquals(List.of("commits", "audits", "rollbacks", "busy", "io-errors", "readonly", "corrupt", "opens", "recoveries",
            "crashes", "crashes-during-recovery", "reopens", "commits-lost-to-bit-rot", "integrity-explained-by-bit-flip"), List.copyOf(r.workloadCounters().keySet()));
        assertTrue(r.workloadCounters().get("commits") > 0, r.describe());
        assertEquals(1, r.workloadCounters().get("opens"));
        assertEquals(0, r.workloadCounters().get("recoveries"), "the first open is no recovery");
        RunResult crashed = Simulation.builder(BankWorkload.of(BankWorkload.Variant.CORRECT, 30), 4).seed(8).maxSteps(300_000)
            .crashes(2).crashWindowSteps(600).build().run();
        assertEquals(Outcome.Kind.PASSED, crashed.kind(), crashed.describe());
        assertEquals(crashed.counters().crashes(), crashed.workloadCounters().get("crashes"));
        assertEquals(crashed.counters().crashes(), crashed.workloadCounters().get("recoveries"),
            "one recovery per crash, numbered from 1 at the first crash");
        assertTrue(r.describe().contains("\nworkload: {commits=" + r.workloadCounters().get("commits")), r.describe());
    }
}
