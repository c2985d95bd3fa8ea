package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.IOResult;
import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Mutex;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.workloads.spi.Signal;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Labels are text only: what a deadlock report says a fiber waits for, never part of the trace hash. And
 * {@link Mutex} keeps exactly the behaviour of the Signal-built lock the lock-order kernel had before.
 */
class WaitLabelsTest {
    /** The lock the lock-order kernel used before {@link Mutex}: a Signal, every waiter woken, each retries. */
    static final class SignalLock {
        int owner = -1;
        final Signal released = new Signal();

        Completion tryAcquire(int fiber) {
            if (owner < 0) {
                owner = fiber;
                return null;
            }
            return released.await();
        }

        void release() {
            owner = -1;
            released.signalAll();
        }
    }

    /** Takes {@code first} then {@code second}, then releases both: the lock-order kernel's operation. */
    private static Operation<Void> transfer(IntFunction<Completion> takeFirst, IntFunction<Completion> takeSecond,
                                            Runnable release, FiberContext ctx) {
        return new Operation<>() {
            private int state;

            @Override
            public IOResult<Void> step() {
                Completion wait = state == 0 ? takeFirst.apply(ctx.id()) : state == 1 ? takeSecond.apply(ctx.id()) : null;
                if (state < 2) {
                    if (wait != null) {
                        return IOResult.io(wait);
                    }
                    state++;
                    return IOResult.io(Completion.yielded());
                }
                release.run();
                return IOResult.done();
            }

            @Override
            public String kind() {
                return "transfer";
            }
        };
    }

    private static RunResult withSignalLocks(long seed, String strategy) {
        return Simulation.builder(() -> new SignalLock[] {new SignalLock(), new SignalLock()})
            .program(3, (locks, ctx) -> FiberProgram.repeat(2, () -> {
                SignalLock first = locks[ctx.id() % 2];
                SignalLock second = locks[1 - ctx.id() % 2];
                return transfer(first::tryAcquire, second::tryAcquire, () -> {
                    second.release();
                    first.release();
                }, ctx);
            })).seed(seed).strategy(strategy).maxSteps(2000).build().run();
    }

    private static RunResult withMutexes(long seed, String strategy) {
        return Simulation.builder(() -> new Mutex[] {new Mutex("A"), new Mutex("B")})
            .program(3, (locks, ctx) -> FiberProgram.repeat(2, () -> {
                Mutex first = locks[ctx.id() % 2];
                Mutex second = locks[1 - ctx.id() % 2];
                return transfer(first::lock, second::lock, () -> {
                    second.unlock(ctx.id());
                    first.unlock(ctx.id());
                }, ctx);
            })).seed(seed).strategy(strategy).maxSteps(2000).build().run();
    }

    @Test
    void mutexRunsHashLikeTheSignalBuiltLockTheyReplaced() {
        int deadlocks = 0;
        for (String strategy : new String[] {"random", "rr", "pct:3", "pos"}) {
            for (long seed = 1; seed <= 10; seed++) {
                RunResult signal = withSignalLocks(seed, strategy);
                RunResult mutex = withMutexes(seed, strategy);
                String where = strategy + ", seed " + seed;
                assertEquals(signal.traceHash(), mutex.traceHash(), where);
                assertEquals(signal.kind(), mutex.kind(), where);
                assertEquals(signal.counters().steps(), mutex.counters().steps(), where);
                if (mutex.outcome() instanceof Outcome.Deadlock d) {
                    deadlocks++;
                    assertTrue(d.blocked().get(0).matches("fiber \\d \\(transfer\\) blocked on mutex [AB], held by fiber \\d \\(pending\\)"),
                        d.blocked().toString());
                    assertTrue(signal.describe().contains("blocked on signal \"unnamed\" (pending)"), signal.describe());
                }
            }
        }
        assertTrue(deadlocks > 0, "no run deadlocked: the comparison covers no deadlock");
    }

    @Test
    void labellingACompletionChangesNoTraceHash() {
        for (long seed = 1; seed <= 5; seed++) {
            RunResult plain = sleepers(seed, false);
            RunResult labelled = sleepers(seed, true);
            assertEquals(plain.traceHash(), labelled.traceHash(), "seed " + seed);
            assertEquals(plain.kind(), labelled.kind(), labelled.describe());
            assertEquals(plain.counters().steps(), labelled.counters().steps(), "seed " + seed);
        }
    }

    /** Fibers that sleep and wait for a signal fiber 0 sends, their completions labelled or not. */
    private static RunResult sleepers(long seed, boolean label) {
        return Simulation.builder(() -> new Signal("go")).fibers(3, 2, (go, ctx) -> new Operation<Void>() {
            private int state;

            @Override
            public IOResult<Void> step() {
                if (state++ == 0) {
                    Completion sleep = ctx.sleep(1_000 * (ctx.id() + 1));
                    return IOResult.io(label ? sleep.label("nap of fiber " + ctx.id()) : sleep);
                }
                if (ctx.id() == 0) {
                    go.signalAll();
                    return IOResult.done();
                }
                return state == 2 ? IOResult.io(label ? go.await().label("go, fiber " + ctx.id()) : go.await()) : IOResult.done();
            }
        }).seed(seed).strategy("random").maxSteps(500).build().run();
    }

    @Test
    void aFiberSleepIsATimerLabelledWithItsDelay() {
        RunResult r = Simulation.builder(() -> new Signal("never"))
            .fibers(1, (s, ctx) -> new Operation<Void>() {
                private Completion sleep;

                @Override
                public IOResult<Void> step() {
                    if (sleep == null) {
                        sleep = ctx.sleep(5_000);
                        assertEquals(CompletionKind.TIMER, sleep.kind());
                        assertEquals("sleep of 5000 ns (until 5000 ns) (pending)", sleep.toString());
                        return IOResult.io(sleep);
                    }
                    return IOResult.io(s.await());
                }
            }).build().run();
        Outcome.Deadlock d = assertInstanceOf(Outcome.Deadlock.class, r.outcome(), r.describe());
        assertEquals("fiber 0 (op) blocked on signal \"never\" (pending)", d.blocked().get(0));
    }
}
