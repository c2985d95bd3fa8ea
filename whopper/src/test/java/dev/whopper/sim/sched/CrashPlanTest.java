package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.sim.Outcome;
import dev.whopper.sim.VirtualClock;
import dev.whopper.sim.random.RandomStreams;
import dev.whopper.sim.strategy.RoundRobinStrategy;
import dev.whopper.sim.trace.Event;
import dev.whopper.sim.trace.EventKind;
import dev.whopper.sim.trace.Recorder;
import dev.whopper.workloads.property.OpResult;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.Violation;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashPlanTest {
    private static Scheduler scheduler(SchedulerConfig config, List<Property> properties, Scheduler.FiberFactory factory) {
        RandomStreams streams = new RandomStreams(1);
        return new Scheduler(config, streams, Recorder.recording(true), new RoundRobinStrategy(), new VirtualClock(1_000),
            null, null, properties, 3, factory);
    }

    /** A property that logs every hook about crashes. */
    private static Property watcher(List<String> log, boolean throwOnCrash) {
        return new Property() {
            @Override
            public String name() {
                return "watcher";
            }

            @Override
            public Violation onOpFinish(int fiber, Operation<?> op, OpResult result) {
                if (result instanceof OpResult.Unknown) {
                    log.add("unknown " + fiber + " " + op.kind());
                }
                return null;
            }

            @Override
            public Violation onCrash(long timeNanos) {
                log.add("onCrash at " + timeNanos);
                if (throwOnCrash) {
                    throw new IllegalStateException("watcher broke");
                }
                return null;
            }

            @Override
            public Violation onRecovery(long timeNanos) {
                log.add("onRecovery");
                return null;
            }
        };
    }

    /**
     * Fiber 0 yields forever, fiber 1 waits on a completion that never finishes, fiber 2 sleeps for a long
     * time: a crash before step 4 abandons all three operations, in fiber order, then crashes, tells the
     * properties, recovers, tells them again, and reconnects every fiber with a fresh program.
     */
    @Test
    void aCrashAbandonsEveryOperationInFlightThenCrashesRecoversAndReconnects() {
        List<String> log = new ArrayList<>();
        int[] programs = {0};
        Scheduler s = scheduler(new SchedulerConfig(6, 0, 0, 32, 0, 0, true), List.of(watcher(log, false)), ctx -> {
            int generation = programs[0]++ / 3;
            log.add("program " + ctx.id() + " #" + generation);
            Completion never = Completion.waiting("never");
            return (FiberProgram) () -> Operation.named("op" + generation, () -> switch (ctx.id()) {
                case 0 -> IOResult.io(Completion.yielded());
                case 1 -> IOResult.io(never);
                default -> IOResult.io(ctx.sleep(1_000_000_000L));
            });
        });
        s.planCrashes(new long[] {4}, () -> log.add("crash"), () -> log.add("recover"));
        Outcome o = s.run();
        assertInstanceOf(Outcome.Incomplete.class, o, "nobody finishes in 6 steps: the budget cuts the run");
        assertEquals(List.of("program 0 #0", "program 1 #0", "program 2 #0",
            "unknown 0 op0", "unknown 1 op0", "unknown 2 op0", "crash", "onCrash at 4000", "recover", "onRecovery",
            "program 0 #1", "program 1 #1", "program 2 #1"), log);
        assertEquals(1, s.counters(java.util.Map.of()).crashes());
        assertEquals(FiberState.RUNNABLE, s.state(0));
        List<EventKind> kinds = s.events().snapshot().stream().map(Event::kind).toList();
        assertEquals(1, kinds.stream().filter(k -> k == EventKind.CRASH).count(), kinds.toString());
        assertEquals(1, kinds.stream().filter(k -> k == EventKind.RECOVERY).count(), kinds.toString());
    }

    @Test
    void aPropertyThatThrowsInOnCrashIsAnInternalErrorNamingTheHook() {
        List<String> log = new ArrayList<>();
        Scheduler s = scheduler(new SchedulerConfig(10, 0, 0, 32, 0, 0, true), List.of(watcher(log, true)),
            ctx -> () -> Operation.named("spin", () -> IOResult.io(Completion.yielded())));
        s.planCrashes(new long[] {2}, () -> log.add("crash"), () -> log.add("recover"));
        Outcome.InternalError e = assertInstanceOf(Outcome.InternalError.class, s.run());
        assertEquals("property watcher threw in onCrash: java.lang.IllegalStateException: watcher broke", e.message());
        assertEquals(2, e.step());
        assertEquals(List.of("unknown 0 spin", "unknown 1 spin", "unknown 2 spin", "crash", "onCrash at 2000"), log,
            "a crash check that threw ends the run before recovery");
    }

    @Test
    void crashStepsMustAscendAndEachPlannedCrashHappensOnce() {
        Scheduler s = scheduler(new SchedulerConfig(20, 0, 0, 32, 0, 0, true), List.of(),
            ctx -> () -> Operation.named("spin", () -> IOResult.io(Completion.yielded())));
        assertThrows(IllegalArgumentException.class, () -> s.planCrashes(new long[] {5, 3}, () -> { }, () -> { }));
        int[] crashes = {0};
        s.planCrashes(new long[] {3, 3, 7}, () -> crashes[0]++, () -> { });
        s.run();
        assertEquals(3, crashes[0], "two crashes planned at step 3 happen at steps 3 and 4: one per step");
        assertEquals(3, s.counters(java.util.Map.of()).crashes());
    }

    @Test
    void theFaultsEndActionRunsOnceAtTheFirstStepAtOrAfterTheFaultsEnd() {
        Scheduler s = scheduler(new SchedulerConfig(20, 0, 0, 64, 0, 5_500, true), List.of(),
            ctx -> () -> Operation.named("spin", () -> IOResult.io(Completion.yielded())));
        List<Long> ranAt = new ArrayList<>();
        s.onFaultsEnd(() -> ranAt.add(s.nowNanos()));
        s.run();
        assertEquals(List.of(6_000L), ranAt, "steps cost 1,000 ns: step 6 is the first at or after 5,500 ns");
        List<Event> ends = s.events().snapshot().stream().filter(e -> e.kind() == EventKind.FAULTS_END).toList();
        assertEquals(1, ends.size());
        assertEquals(6, ends.get(0).step());
    }
}
