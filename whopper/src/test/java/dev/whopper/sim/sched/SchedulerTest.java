package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.sm.Transition;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.workloads.spi.Signal;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.trace.Event;
import dev.whopper.sim.trace.EventKind;
import dev.whopper.workloads.property.OpResult;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.RunEnd;
import dev.whopper.workloads.property.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    static final class World {
        final List<String> log = new ArrayList<>();
        final Signal signal = new Signal("opened");
        boolean flag;
    }

    @Test
    void explicitSleepJumpsTheClockAndStepsCostTime() {
        RunResult r = Simulation.builder(World::new).stepCostNanos(10)
            .fibers(1, (w, ctx) -> new Operation<Void>() {
                boolean slept;

                @Override
                public IOResult<Void> step() {
                    if (!slept) {
                        slept = true;
                        return IOResult.io(ctx.sleep(1_000_000));
                    }
                    return IOResult.done();
                }
            }).build().run();
        assertEquals(Outcome.Kind.PASSED, r.kind());
        assertEquals(2, r.counters().steps());
        assertEquals(1_000_000 + 10, r.counters().timeNanos()); // woke at 1 ms, then one step of 10 ns
        assertEquals(1, r.counters().timeJumps());
        assertTrue(r.lastEvents().stream().anyMatch(e -> e.kind() == EventKind.SLEEP));
    }

    @Test
    void everyoneBlockedWithNothingPendingIsADeadlock() {
        RunResult r = Simulation.builder(World::new)
            .fibers(2, (w, ctx) -> Operation.named("wait", () -> IOResult.io(w.signal.await())))
            .build().run();
        Outcome.Deadlock d = assertInstanceOf(Outcome.Deadlock.class, r.outcome());
        assertEquals(2, d.blocked().size());
        assertEquals("fiber 0 (wait) blocked on signal \"opened\" (pending)", d.blocked().get(0));
        assertEquals(2, d.step());
    }

    private enum Point implements dev.whopper.core.io.YieldPoint { BEFORE_WAIT }

    @Test
    void aDeadlockSaysWhereEachFiberLastYielded() {
        RunResult r = Simulation.builder(World::new).yieldRate(1).yieldCapPerOp(1)
            .fibers(2, (w, ctx) -> Operation.named("wait", () -> ctx.yields().shouldYield(Point.BEFORE_WAIT)
                ? IOResult.io(Completion.yielded()) : IOResult.io(w.signal.await())))
            .build().run();
        Outcome.Deadlock d = assertInstanceOf(Outcome.Deadlock.class, r.outcome(), r.describe());
        assertEquals("fiber 0 (wait, last yielded at BEFORE_WAIT) blocked on signal \"opened\" (pending)", d.blocked().get(0));
    }

    @Test
    void signalledWaitersRunAgain() {
        RunResult r = Simulation.builder(World::new)
            .fibers(3, (w, ctx) -> ctx.id() == 0
                ? Operation.named("wake", () -> {
                    if (w.signal.waiting() < 2) {
                        return IOResult.io(Completion.yielded());
                    }
                    w.signal.signalAll();
                    return IOResult.done();
                })
                : new Operation<Void>() {
                    boolean waited;

                    @Override
                    public IOResult<Void> step() {
                        if (!waited) {
                            waited = true;
                            return IOResult.io(w.signal.await());
                        }
                        w.log.add("woken " + ctx.id());
                        return IOResult.done();
                    }
                })
            .atEnd("both woken", w -> w.log.size() == 2)
            .build().run();
        assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
    }

    @Test
    void anOperationThatNeverFinishesIsALivenessFailure() {
        RunResult r = Simulation.builder(World::new).stepCostNanos(1_000).livenessTimeoutNanos(200_000)
            .fibers(2, (w, ctx) -> Operation.named("spin", () -> w.flag ? IOResult.done() : IOResult.io(Completion.yielded())))
            .build().run();
        Outcome.Liveness l = assertInstanceOf(Outcome.Liveness.class, r.outcome(), r.describe());
        assertEquals("spin", l.op());
        assertTrue(l.waitedNanos() > 200_000);
        assertTrue(r.counters().steps() < 300, r.describe());
    }

    @Test
    void livenessIsCountedFromWhenFaultsStop() {
        RunResult r = Simulation.builderWithIO(io -> new World()).stepCostNanos(1_000).livenessTimeoutNanos(100_000).eventsKept(400)
            .faults("chaos").faultWindowNanos(1_000_000)
            .fibers(1, (w, ctx) -> Operation.named("spin", () -> IOResult.io(Completion.yielded())))
            .build().run();
        Outcome.Liveness l = assertInstanceOf(Outcome.Liveness.class, r.outcome(), r.describe());
        assertTrue(l.timeNanos() > 1_100_000 && l.timeNanos() < 1_200_000, r.describe());
        assertTrue(l.waitedNanos() > 100_000 && l.waitedNanos() < 200_000, r.describe());
        assertTrue(r.lastEvents().stream().anyMatch(e -> e.kind() == EventKind.FAULTS_END), r.describe());
    }

    @Test
    void aSimulatorFailureIsAnInternalError() {
        dev.whopper.sim.random.RandomStreams streams = new dev.whopper.sim.random.RandomStreams(1);
        dev.whopper.sim.trace.Recorder recorder = dev.whopper.sim.trace.Recorder.recording(true);
        dev.whopper.sim.strategy.Strategy broken = new dev.whopper.sim.strategy.Strategy() {
            @Override
            public int pick(int[] runnable, int count, dev.whopper.sim.strategy.SchedulerView view) {
                return count; // out of range: a tool bug
            }

            @Override
            public String name() {
                return "broken";
            }
        };
        Scheduler s = new Scheduler(SchedulerConfig.defaults(), streams, recorder, broken, new dev.whopper.sim.VirtualClock(1_000),
            null, null, List.of(), 2, ctx -> () -> Operation.named("op", IOResult::done));
        Outcome.InternalError e = assertInstanceOf(Outcome.InternalError.class, s.run());
        assertTrue(e.message().contains("strategy broken picked 2 of 2"), e.message());
    }

    @Test
    void swarmReplaysFromTheLogAlone() {
        Simulation<?> sim = Simulation.builder(dev.whopper.workloads.kernels.RaceKernel.CHECK_THEN_ACT.workload(), 3).strategy("swarm").yieldRate(0.5)
            .build();
        for (long seed = 1; seed <= 10; seed++) {
            RunResult r = sim.withSeed(seed).run();
            assertTrue(r.strategy().startsWith("swarm("), r.strategy());
            assertEquals(r.traceHash(), sim.withSeed(seed).replay(r.decisions()).traceHash());
        }
    }

    @Test
    void swarmWorkloadWeightsReachTheFibers() {
        java.util.Set<Double> seen = new java.util.TreeSet<>();
        for (long seed = 1; seed <= 12; seed++) {
            List<Double> weights = new ArrayList<>();
            Simulation.builder(World::new).seed(seed).strategy("swarm")
                .fibers(1, (w, ctx) -> Operation.named("look", () -> {
                    weights.add(ctx.workloadWeight(0));
                    return IOResult.done();
                })).build().run();
            double w0 = weights.get(0);
            assertTrue(w0 >= 0 && w0 <= 1, "weight " + w0);
            seen.add(w0);
        }
        assertTrue(seen.size() >= 3, seen.toString());
        List<Double> plain = new ArrayList<>();
        Simulation.builder(World::new).fibers(1, (w, ctx) -> Operation.named("look", () -> {
            plain.add(ctx.workloadWeight(7));
            return IOResult.done();
        })).build().run();
        assertEquals(List.of(1.0), plain);
    }

    @Test
    void theTraceHashOnARawStateInALocalEqualsMixingTheObject() {
        dev.whopper.sim.trace.TraceHash object = new dev.whopper.sim.trace.TraceHash();
        dev.whopper.sim.trace.TraceHash local = new dev.whopper.sim.trace.TraceHash();
        long h = local.state();
        for (long v = 0; v < 100; v++) {
            object.mix(v * 0x9E3779B97F4A7C15L);
            h = dev.whopper.sim.trace.TraceHash.mix(h, v * 0x9E3779B97F4A7C15L);
        }
        local.state(h);
        assertEquals(object.value(), local.value());
        assertEquals(object.state(), h);
    }

    @Test
    void theClocksStepCountMovesOnlyForward() {
        dev.whopper.sim.VirtualClock clock = new dev.whopper.sim.VirtualClock(1_000);
        clock.advanceBy(500);
        clock.stepsTo(7);
        assertEquals(7, clock.steps());
        assertEquals(7_500, clock.nowNanos());
        clock.stepsTo(7);
        clock.step();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clock.stepsTo(3));
        assertEquals("steps: 3 (expected: >= 8)", e.getMessage());
        assertEquals(8, clock.steps(), "a refused count leaves the clock as it was");
        assertEquals(clock.nowNanos(), clock.nanosAtStep(8));
        assertEquals(5_500, clock.nanosAtStep(5), "a step taken since the base last moved, at its own time");
        clock.advanceBy(10_000);
        assertEquals(18_500, clock.nowNanos());
        assertEquals(15_500, clock.nanosAtStep(5), "on the moved base");
    }

    @Test
    void oneDivergenceAlwaysChangesTheTraceHash() {
        for (long v = 0; v < 1_000; v++) {
            dev.whopper.sim.trace.TraceHash a = new dev.whopper.sim.trace.TraceHash();
            dev.whopper.sim.trace.TraceHash b = new dev.whopper.sim.trace.TraceHash();
            for (int i = 0; i < 10; i++) {
                a.mix(i == 5 ? v : i);
                b.mix(i == 5 ? v + 1 : i);
            }
            assertTrue(a.value() != b.value(), "values " + v + " and " + (v + 1) + " collided");
        }
    }

    @Test
    void aRunCutOffByTheStepBudgetIsIncompleteNotAPass() {
        Simulation.Builder<World> b = Simulation.builder(World::new).maxSteps(50)
            .fibers(2, (w, ctx) -> Operation.named("spin", () -> IOResult.io(Completion.yielded())))
            .atEnd("never checked when fibers are not done", w -> false);
        RunResult r = b.build().run();
        Outcome.Incomplete in = assertInstanceOf(Outcome.Incomplete.class, r.outcome(), r.describe());
        assertTrue(r.failed());
        assertEquals(50, in.step());
        assertEquals(List.of("fiber 0 (RUNNABLE, spin)", "fiber 1 (RUNNABLE, spin)"), in.live());
        assertEquals(List.of("never checked when fibers are not done"), in.skipped());
        assertEquals(50, r.counters().steps());
        assertEquals(r.seed(), b.build().findFailure(r.seed(), 1).seed(), "findFailure counts it");

        RunResult allowed = b.allowIncomplete(true).build().run();
        assertEquals(new Outcome.Passed(false, List.of("never checked when fibers are not done")), allowed.outcome());
        assertTrue(allowed.describe().contains("skipped, not held: never checked when fibers are not done"),
            allowed.describe());
        assertEquals(r.traceHash(), allowed.traceHash());
    }

    static final class Flags {
        boolean a;
        boolean b;
        int x;
    }

    @Test
    void twoFibersSpinningOnEachOthersFlagFailWithTheDefaults() {
        // A livelock: each yields until the other's flag is set, and neither ever sets its own.
        RunResult r = Simulation.builder(Flags::new)
            .fibers(2, (f, ctx) -> Operation.named("await-other", () -> (ctx.id() == 0 ? f.b : f.a)
                ? IOResult.done() : IOResult.io(Completion.yielded())))
            .build().run();
        assertEquals(Outcome.Kind.INCOMPLETE, r.kind(), r.describe());
    }

    @Test
    void theStepThatEndsTheRunIsChecked() {
        RunResult r = Simulation.builder(Flags::new)
            .fibers(1, (f, ctx) -> Operation.named("set", () -> {
                f.x = 1;
                return IOResult.done();
            }))
            .invariant("x stays 0", f -> f.x == 0)
            .build().run();
        Outcome.Violation v = assertInstanceOf(Outcome.Violation.class, r.outcome(), r.describe());
        assertEquals("x stays 0", v.property());
        assertEquals(0, v.fiber());
    }

    @Test
    void anExceptionFromTheCodeUnderTestIsAViolationAnIOFailureIsAFailedOp() {
        RunResult thrown = Simulation.builder(World::new)
            .fibers(1, (w, ctx) -> Operation.named("boom", () -> {
                throw new IllegalStateException("bad state");
            })).build().run();
        Outcome.Violation v = assertInstanceOf(Outcome.Violation.class, thrown.outcome());
        assertEquals(Blame.UNCAUGHT_EXCEPTION, v.property());
        assertTrue(v.message().contains("bad state"), v.message());
        assertEquals(0, v.fiber());

        RunResult ioFailed = Simulation.builder(World::new)
            .fibers(2, 3, (w, ctx) -> Operation.named("read", () -> {
                throw new CompletionError(ErrorCode.IO_ERROR, "disk on fire").toException();
            })).build().run();
        assertEquals(Outcome.Kind.PASSED, ioFailed.kind(), ioFailed.describe());
        assertEquals(6, ioFailed.counters().opsFailed());
    }

    @Test
    void aCompletionCallbackOfTheCodeUnderTestThatThrowsIsAViolation() {
        RunResult r = Simulation.builderWithIO(io -> io.open("f", true))
            .fibers(1, (file, ctx) -> new Operation<Void>() {
                Completion write;

                @Override
                public IOResult<Void> step() {
                    if (write == null) {
                        write = file.pwrite(0, new byte[8], Completion.write(new dev.whopper.example.ThrowingCallback()));
                        return IOResult.io(write);
                    }
                    return IOResult.done();
                }
            }).build().run();
        Outcome.Violation v = assertInstanceOf(Outcome.Violation.class, r.outcome(), r.describe());
        assertEquals(Blame.UNCAUGHT_EXCEPTION, v.property());
        assertTrue(v.message().contains("callback bug"), v.message());
        assertTrue(Blame.fromToolCode(new IllegalStateException()), "thrown here, in a test of the simulator");
    }

    @Test
    void aWorldThatCannotBeSetUpIsAViolationOfTheCodeUnderTest() {
        RunResult r = Simulation.builder(() -> new dev.whopper.example.UserWorld(false))
            .fibers(1, (w, ctx) -> Operation.named("op", IOResult::done)).build().run();
        Outcome.Violation v = assertInstanceOf(Outcome.Violation.class, r.outcome(), r.describe());
        assertTrue(v.message().contains("cannot open the database"), v.message());
    }

    @Test
    void aCheckerThatCrashesIsAnInternalErrorNotAViolation() {
        RunResult r = Simulation.builder(World::new)
            .fibers(1, (w, ctx) -> Operation.named("ok", IOResult::done))
            .property(w -> new Property() {
                @Override
                public String name() {
                    return "broken-checker";
                }

                @Override
                public Violation onOpFinish(int fiber, Operation<?> op, OpResult result) {
                    throw new NullPointerException("checker bug");
                }
            }).build().run();
        Outcome.InternalError e = assertInstanceOf(Outcome.InternalError.class, r.outcome());
        assertTrue(e.message().contains("broken-checker"), e.message());
    }

    @Test
    void propertiesSeeStartsFinishesAndTheEndInOrder() {
        List<String> seen = new ArrayList<>();
        RunResult r = Simulation.builder(World::new).strategy("rr")
            .fibers(2, 2, (w, ctx) -> Operation.of(new StateMachine<Integer>(new dev.whopper.core.sm.StateTransition<>() {
                int calls;

                @Override
                public Transition<Integer> transition() {
                    return calls++ == 0 ? Transition.io(Completion.yielded()) : Transition.done(ctx.id() * 10);
                }
            })))
            .property(w -> new Property() {
                @Override
                public String name() {
                    return "recorder";
                }

                @Override
                public Violation onOpStart(int fiber, Operation<?> op) {
                    seen.add("start " + fiber);
                    return null;
                }

                @Override
                public Violation onOpFinish(int fiber, Operation<?> op, OpResult result) {
                    seen.add("finish " + fiber + " " + ((OpResult.Ok) result).value());
                    return null;
                }

                @Override
                public Violation onEnd(RunEnd end) {
                    seen.add("end " + end.allFibersDone() + " " + end.steps());
                    return null;
                }
            }).build().run();
        assertEquals(Outcome.Kind.PASSED, r.kind());
        assertEquals(List.of("start 0", "start 1", "finish 0 0", "start 0", "finish 1 10", "start 1", "finish 0 0",
            "finish 1 10", "end true 8"), seen);
        assertEquals(4L, r.counters().opsByKind().get("op"));
    }

    @Test
    void aReturnedViolationStopsTheRunWithStepTimeAndFiber() {
        RunResult r = Simulation.builder(World::new).stepCostNanos(100)
            .fibers(3, 5, (w, ctx) -> Operation.named("inc", IOResult::done))
            .property(w -> new Property() {
                int finished;

                @Override
                public String name() {
                    return "at-most-four";
                }

                @Override
                public Violation onOpFinish(int fiber, Operation<?> op, OpResult result) {
                    return ++finished > 4 ? violation("finished " + finished) : null;
                }
            }).build().run();
        Outcome.Violation v = assertInstanceOf(Outcome.Violation.class, r.outcome());
        assertEquals("at-most-four", v.property());
        assertEquals("finished 5", v.message());
        assertEquals(4, v.step());
        assertEquals(400, v.timeNanos());
        assertEquals(5, r.counters().steps());
        List<Event> last = r.lastEvents();
        assertEquals(EventKind.DONE, last.get(last.size() - 1).kind());
        assertEquals(v.fiber(), last.get(last.size() - 1).fiber());
    }

    @Test
    void yieldInjectionRespectsThePerOperationCap() {
        enum P implements dev.whopper.core.io.YieldPoint { HERE }
        RunResult r = Simulation.builder(World::new).yieldRate(1.0).yieldCapPerOp(3)
            .fibers(2, 4, (w, ctx) -> Operation.named("yielding",
                () -> ctx.yields().shouldYield(P.HERE) ? IOResult.io(Completion.yielded()) : IOResult.done()))
            .build().run();
        assertEquals(Outcome.Kind.PASSED, r.kind());
        assertEquals(3 * 8, r.counters().yieldsInjected());
        assertEquals(4 * 8, r.counters().steps());

        RunResult none = Simulation.builder(World::new).yieldRate(0)
            .fibers(2, 4, (w, ctx) -> Operation.named("yielding",
                () -> ctx.yields().shouldYield(P.HERE) ? IOResult.io(Completion.yielded()) : IOResult.done()))
            .build().run();
        assertEquals(0, none.counters().yieldsInjected());
        assertEquals(0, none.counters().decisions() - countPickDecisions(none));
    }

    private static long countPickDecisions(RunResult r) {
        return r.decisions().size();
    }

    @Test
    void crashesAbandonOperationsAndReconnectFibers() {
        List<String> seen = new ArrayList<>();
        int[] recoveries = {0};
        RunResult r = Simulation.builder(World::new).crashWindowSteps(20)
            .fibers(2, 3, (w, ctx) -> new Operation<Void>() {
                int steps;

                @Override
                public IOResult<Void> step() {
                    return ++steps < 4 ? IOResult.io(Completion.yielded()) : IOResult.done();
                }
            })
            .crashes(2, dev.whopper.sim.io.CrashOptions.dropUnsynced(), w -> recoveries[0]++)
            .property(w -> new Property() {
                @Override
                public String name() {
                    return "crash-watcher";
                }

                @Override
                public Violation onOpFinish(int fiber, Operation<?> op, OpResult result) {
                    if (result instanceof OpResult.Unknown) {
                        seen.add("unknown " + fiber);
                    }
                    return null;
                }

                @Override
                public Violation onCrash(long timeNanos) {
                    seen.add("crash");
                    return null;
                }

                @Override
                public Violation onRecovery(long timeNanos) {
                    seen.add("recovery");
                    return null;
                }
            }).build().run();
        assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
        assertEquals(2, r.counters().crashes());
        assertEquals(2, recoveries[0]);
        assertEquals(2, seen.stream().filter("crash"::equals).count());
        assertEquals(2, seen.stream().filter("recovery"::equals).count());
        assertTrue(seen.contains("unknown 0") || seen.contains("unknown 1"), seen.toString());
        assertFalse(r.lastEvents().stream().noneMatch(e -> e.kind() == EventKind.CRASH) && r.lastEvents().size() < 32);
    }
}
