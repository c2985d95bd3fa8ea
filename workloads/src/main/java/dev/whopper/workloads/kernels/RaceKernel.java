package dev.whopper.workloads.kernels;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.io.YieldPoint;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Mutex;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.workloads.spi.Signal;
import dev.whopper.workloads.property.Properties;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.PropertyViolation;
import dev.whopper.workloads.spi.Workload;
import dev.whopper.workloads.spi.WorldContext;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.Locale;

/**
 * The race kernels. Each buggy kernel has a correct twin ({@code -fixed}) that differs only in the bug.
 *
 * <ul>
 *   <li>{@code reentrant-counter}: the seed document's re-entrancy bug: a counter is incremented before a
 *       call that may yield; when the step is re-entered it counts twice. Needs yield injection.</li>
 *   <li>{@code lost-update}: read, yield, write back read + 1.</li>
 *   <li>{@code check-then-act}: a lock taken by "if free (yield) take it": two fibers in the critical
 *       section.</li>
 *   <li>{@code lock-order}: even fibers lock A then B, odd fibers B then A: a DEADLOCK.</li>
 *   <li>{@code missed-wakeup}: a consumer checks a flag, yields, then waits for a signal the producer
 *       may already have sent: it waits forever, a DEADLOCK.</li>
 *   <li>{@code pct-order}: fiber 1 checks, at its last step, that fiber 0 is not half-way through its
 *       steps: a depth-2 ordering bug (fiber 0 starts, fiber 1 runs to its end, fiber 0 finishes) that
 *       strict alternation (round-robin) never produces.</li>
 * </ul>
 */
public enum RaceKernel {
    /** Re-entrancy: increment before a yield point. */
    REENTRANT_COUNTER(true, 1, "VIOLATION", "counted once"),
    /** Its twin: move to a new state before the yield point. */
    REENTRANT_COUNTER_FIXED(false, 1, "VIOLATION", "counted once"),
    /** Lost update. */
    LOST_UPDATE(true, 2, "VIOLATION", "no lost update"),
    /** Its twin: read-modify-write in one step. */
    LOST_UPDATE_FIXED(false, 2, "VIOLATION", "no lost update"),
    /** Check-then-act lock. */
    CHECK_THEN_ACT(true, 2, "VIOLATION", "mutual exclusion"),
    /** Its twin: test-and-set in one step. */
    CHECK_THEN_ACT_FIXED(false, 2, "VIOLATION", "mutual exclusion"),
    /** Lock-order inversion. */
    LOCK_ORDER(true, 2, "DEADLOCK", null),
    /** Its twin: one global lock order. */
    LOCK_ORDER_FIXED(false, 2, "DEADLOCK", null),
    /** Missed wake-up. */
    MISSED_WAKEUP(true, 2, "DEADLOCK", null),
    /** Its twin: check and start waiting in the same step. */
    MISSED_WAKEUP_FIXED(false, 2, "DEADLOCK", null),
    /** Depth-2 ordering bug. */
    PCT_ORDER(true, 2, "VIOLATION", "ordered completion"),
    /** Its twin: fiber 1 waits for fiber 0 before its check. */
    PCT_ORDER_FIXED(false, 2, "VIOLATION", "ordered completion");

    /** Steps fiber 0 takes in {@code pct-order}. */
    public static final int PCT_STEPS = 8;

    private final boolean buggy;
    private final int minConnections;
    private final String failureKind;
    private final String property;

    RaceKernel(boolean buggy, int minConnections, String failureKind, String property) {
        this.buggy = buggy;
        this.minConnections = minConnections;
        this.failureKind = failureKind;
        this.property = property;
    }

    /** @return the workload name, e.g. {@code lost-update-fixed} */
    public String workloadName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return true for the buggy kernel, false for its correct twin */
    public boolean buggy() {
        return buggy;
    }

    /** @return the fewest connections (fibers) the kernel needs */
    public int minConnections() {
        return minConnections;
    }

    /**
     * @return the failure the buggy kernel ends in, as the simulator's outcome keys it ({@code DEADLOCK}, or
     *         {@code VIOLATION:<property>}); the twin must never end in it
     */
    public String expectedFailure() {
        return property == null ? failureKind : failureKind + ":" + property;
    }

    /** @return the violated property's name for VIOLATION kernels, else {@code null} */
    public String property() {
        return property;
    }

    /**
     * @param name a workload name
     * @return the kernel, or {@code null} when none has that name
     */
    public static RaceKernel byName(String name) {
        for (RaceKernel k : values()) {
            if (k.workloadName().equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** The yield point of the kernels. */
    enum Point implements YieldPoint {
        /** Inside the logging call of the re-entrancy kernel. */
        LOG_APPEND
    }

    /**
     * @return this kernel as a workload: its world, its fibers' programs and its properties (fibers 0 and 1
     *         play the roles where a kernel has roles; further fibers repeat or idle)
     */
    public Workload<?> workload() {
        return switch (this) {
            case REENTRANT_COUNTER, REENTRANT_COUNTER_FIXED -> kernel(Counter::new,
                (c, ctx) -> FiberProgram.repeat(2, () -> buggy ? reentrantIncrement(c, ctx) : fixedIncrement(c, ctx)),
                c -> List.of(Properties.atEnd("counted once", () -> c.value == c.completed)));
            case LOST_UPDATE, LOST_UPDATE_FIXED -> kernel(Counter::new,
                (c, ctx) -> FiberProgram.repeat(2, () -> lostUpdate(c, buggy)),
                c -> List.of(Properties.atEnd("no lost update", () -> c.value == c.completed)));
            case CHECK_THEN_ACT, CHECK_THEN_ACT_FIXED -> kernel(SpinLock::new,
                (l, ctx) -> FiberProgram.repeat(2, () -> checkThenAct(l, buggy)),
                l -> List.of(Properties.invariant("mutual exclusion", () -> l.inCritical <= 1)));
            case LOCK_ORDER, LOCK_ORDER_FIXED -> kernel(TwoLocks::new,
                (w, ctx) -> FiberProgram.repeat(2, () -> lockOrder(w, ctx, buggy)), w -> List.of());
            case MISSED_WAKEUP, MISSED_WAKEUP_FIXED -> kernel(Mailbox::new,
                (m, ctx) -> FiberProgram.repeat(1, () -> missedWakeup(m, ctx, buggy)), m -> List.of());
            case PCT_ORDER, PCT_ORDER_FIXED -> kernel(Progress::new,
                (p, ctx) -> FiberProgram.repeat(1, () -> pctOrder(p, ctx, buggy)), p -> List.of());
        };
    }

    /** @return what the kernel races on, in one line */
    public String description() {
        String what = switch (this) {
            case REENTRANT_COUNTER, REENTRANT_COUNTER_FIXED -> "a counter incremented before a yield point (re-entrancy)";
            case LOST_UPDATE, LOST_UPDATE_FIXED -> "read, yield, write back read + 1 (lost update)";
            case CHECK_THEN_ACT, CHECK_THEN_ACT_FIXED -> "a lock taken by check, yield, act (mutual exclusion)";
            case LOCK_ORDER, LOCK_ORDER_FIXED -> "two locks taken in opposite orders (deadlock)";
            case MISSED_WAKEUP, MISSED_WAKEUP_FIXED -> "a consumer that checks, yields, then waits (missed wake-up)";
            case PCT_ORDER, PCT_ORDER_FIXED -> "a depth-2 ordering bug that round-robin never produces";
        };
        return buggy ? "race kernel: " + what : "correct twin of " + workloadName().replace("-fixed", "") + ": " + what;
    }

    private <S> Workload<S> kernel(Supplier<S> world, BiFunction<S, FiberContext, FiberProgram> program,
                                   Function<S, List<Property>> properties) {
        return new Kernel<>(this, world, program, properties);
    }

    /** A kernel's workload: a fresh world per run, programs and hooked properties from the kernel. */
    private record Kernel<S>(RaceKernel kernel, Supplier<S> world, BiFunction<S, FiberContext, FiberProgram> programs,
                             Function<S, List<Property>> hooked) implements Workload<S> {
        @Override
        public String name() {
            return kernel.workloadName();
        }

        @Override
        public String description() {
            return kernel.description();
        }

        @Override
        public int minConnections() {
            return kernel.minConnections;
        }

        @Override
        public S createWorld(WorldContext ctx) {
            if (ctx.connections() < kernel.minConnections) {
                throw new IllegalArgumentException("connections: " + ctx.connections() + " (expected: >= "
                    + kernel.minConnections + " for workload " + name() + ")");
            }
            return world.get();
        }

        @Override
        public FiberProgram program(S w, FiberContext ctx) {
            return programs.apply(w, ctx);
        }

        @Override
        public List<Property> properties(S w) {
            return hooked.apply(w);
        }

        /** Equal to every other description of the same kernel (its lambdas have no equality of their own). */
        @Override
        public boolean equals(Object o) {
            return o instanceof Kernel<?> k && k.kernel == kernel;
        }

        @Override
        public int hashCode() {
            return kernel.hashCode();
        }

        @Override
        public List<String> propertyNames() {
            // A property its operations check inline (pct-order's) is listed, though no hook watches it.
            return kernel.property == null ? List.of() : List.of(kernel.property);
        }
    }

    // ---- re-entrancy ----

    /** Shared state of the counter kernels. */
    static final class Counter {
        int value;
        int completed;
    }

    private static Operation<Void> reentrantIncrement(Counter c, FiberContext ctx) {
        return Operation.named("increment-and-log", () -> {
            c.value++; // BUG: mutated before a call that may yield; re-entered, it counts again
            if (ctx.yields().shouldYield(Point.LOG_APPEND)) {
                return IOResult.io(Completion.yielded());
            }
            c.completed++;
            return IOResult.done();
        });
    }

    private static Operation<Void> fixedIncrement(Counter c, FiberContext ctx) {
        return new Operation<>() {
            private boolean counted;

            @Override
            public IOResult<Void> step() {
                if (!counted) {
                    c.value++;
                    counted = true; // moved to a new state before the call that may yield
                }
                if (ctx.yields().shouldYield(Point.LOG_APPEND)) {
                    return IOResult.io(Completion.yielded());
                }
                c.completed++;
                return IOResult.done();
            }

            @Override
            public String kind() {
                return "increment-and-log";
            }
        };
    }

    // ---- lost update ----

    private static Operation<Void> lostUpdate(Counter c, boolean buggy) {
        return new Operation<>() {
                private int read = -1;

                @Override
                public IOResult<Void> step() {
                    if (read < 0) {
                        read = c.value;
                        if (!buggy) {
                            c.value = read + 1; // read-modify-write in one step
                        }
                        return IOResult.io(Completion.yielded()); // e.g. a write to disk
                    }
                    if (buggy) {
                        c.value = read + 1; // BUG: writes back a stale read
                    }
                    c.completed++;
                    return IOResult.done();
                }

                @Override
                public String kind() {
                    return "increment";
                }
            };
    }

    // ---- check-then-act ----

    /** Shared state of the check-then-act kernel. */
    static final class SpinLock {
        boolean held;
        int inCritical;
    }

    private static Operation<Void> checkThenAct(SpinLock l, boolean buggy) {
        return new Operation<>() {
                private int state; // 0 check, 1 take (buggy only), 2 in critical section

                @Override
                public IOResult<Void> step() {
                    switch (state) {
                        case 0:
                            if (l.held) {
                                return IOResult.io(Completion.yielded()); // spin
                            }
                            if (buggy) {
                                state = 1; // BUG: the check and the act are separate steps
                                return IOResult.io(Completion.yielded());
                            }
                            l.held = true;
                            l.inCritical++;
                            state = 2;
                            return IOResult.io(Completion.yielded());
                        case 1:
                            l.held = true;
                            l.inCritical++;
                            state = 2;
                            return IOResult.io(Completion.yielded());
                        default:
                            l.inCritical--;
                            l.held = false;
                            return IOResult.done();
                    }
                }

                @Override
                public String kind() {
                    return "critical-section";
                }
            };
    }

    // ---- lock order ----

    /** Two locks. */
    static final class TwoLocks {
        final Mutex a = new Mutex("A");
        final Mutex b = new Mutex("B");
    }

    private static Operation<Void> lockOrder(TwoLocks w, FiberContext ctx, boolean buggy) {
                boolean reversed = buggy && ctx.id() % 2 == 1; // BUG: odd fibers lock in the other order
                Mutex first = reversed ? w.b : w.a;
                Mutex second = reversed ? w.a : w.b;
                return new Operation<Void>() {
                    private int state; // 0 take first, 1 take second, 2 release

                    @Override
                    public IOResult<Void> step() {
                        if (state == 0) {
                            Completion wait = first.lock(ctx.id());
                            if (wait != null) {
                                return IOResult.io(wait);
                            }
                            state = 1;
                            return IOResult.io(Completion.yielded());
                        }
                        if (state == 1) {
                            Completion wait = second.lock(ctx.id());
                            if (wait != null) {
                                return IOResult.io(wait);
                            }
                            state = 2;
                            return IOResult.io(Completion.yielded());
                        }
                        second.unlock(ctx.id());
                        first.unlock(ctx.id());
                        return IOResult.done();
                    }

                    @Override
                    public String kind() {
                        return "transfer";
                    }
                };
    }

    // ---- missed wake-up ----

    /** Shared state of the missed-wake-up kernel. */
    static final class Mailbox {
        boolean ready;
        final Signal signal = new Signal("ready");
        int consumed;
    }

    private static Operation<Void> missedWakeup(Mailbox m, FiberContext ctx, boolean buggy) {
        return ctx.id() == 0 ? Operation.named("produce", () -> {
                m.ready = true;
                m.signal.signalAll();
                return IOResult.done();
            }) : new Operation<Void>() {
                private int state; // 0 check, 1 wait (buggy only), 2 woken

                @Override
                public IOResult<Void> step() {
                    if (state == 0 || state == 2) {
                        if (m.ready) {
                            m.consumed++;
                            return IOResult.done();
                        }
                        if (buggy && state == 0) {
                            state = 1; // BUG: a gap between the check and the wait
                            return IOResult.io(Completion.yielded());
                        }
                        state = 2;
                        return IOResult.io(m.signal.await()); // checked and waiting in one step
                    }
                    state = 2;
                    return IOResult.io(m.signal.await());
                }

                @Override
                public String kind() {
                    return "consume";
                }
            };
    }

    // ---- depth-2 ordering ----

    /** Shared state of the ordering kernel. */
    static final class Progress {
        int fiber0Steps;
    }

    private static Operation<Void> pctOrder(Progress p, FiberContext ctx, boolean buggy) {
                if (ctx.id() == 0) {
                    return Operation.named("advance", () -> {
                        p.fiber0Steps++;
                        return p.fiber0Steps < PCT_STEPS ? IOResult.io(Completion.yielded()) : IOResult.done();
                    });
                }
                if (ctx.id() > 1) {
                    return Operation.named("idle", IOResult::done);
                }
                return new Operation<Void>() {
                    private int steps;

                    @Override
                    public IOResult<Void> step() {
                        if (steps++ < PCT_STEPS - 1) {
                            return IOResult.io(Completion.yielded());
                        }
                        if (!buggy && p.fiber0Steps < PCT_STEPS) {
                            return IOResult.io(Completion.yielded()); // wait for fiber 0 to finish
                        }
                        if (p.fiber0Steps > 0 && p.fiber0Steps < PCT_STEPS) {
                            throw new PropertyViolation("ordered completion",
                                "fiber 1 finished while fiber 0 was at step " + p.fiber0Steps + " of " + PCT_STEPS);
                        }
                        return IOResult.done();
                    }

                    @Override
                    public String kind() {
                        return "check";
                    }
                };
    }
}
