package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.IOResult;
import dev.whopper.sim.Outcome;
import dev.whopper.sim.VirtualClock;
import dev.whopper.sim.random.RandomStreams;
import dev.whopper.sim.strategy.RandomStrategy;
import dev.whopper.sim.trace.Recorder;
import dev.whopper.workloads.property.OpResult;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.PropertyViolation;
import dev.whopper.workloads.property.RunEnd;
import dev.whopper.workloads.property.Violation;
import dev.whopper.workloads.spi.Operation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PropertyDispatchTest {
    /** What the dispatch reported. */
    static final class Seen implements PropertyDispatch.Verdicts {
        Violation violation;
        int fiber = -2;
        String internal;
        Throwable thrown;
        int reports;

        @Override
        public void violated(Violation v, int fiber) {
            violation = v;
            this.fiber = fiber;
            reports++;
        }

        @Override
        public void internalError(String message, Throwable e) {
            internal = message;
            thrown = e;
            reports++;
        }
    }

    enum Answer { HOLD, RETURN, THROW_VIOLATION, THROW }

    /** A property that answers every hook the same way and logs which hooks it was asked. */
    static Property answering(String name, Answer answer, List<String> calls) {
        return new Property() {
            @Override
            public String name() {
                return name;
            }

            private Violation answer(String hook) {
                calls.add(name + "." + hook);
                return switch (answer) {
                    case HOLD -> null;
                    case RETURN -> violation(hook + " returned");
                    case THROW_VIOLATION -> throw new PropertyViolation(violation(hook + " thrown"));
                    case THROW -> throw new IllegalStateException("checker bug");
                };
            }

            @Override
            public Violation onOpStart(int fiber, Operation<?> op) {
                return answer("onOpStart");
            }

            @Override
            public Violation onOpFinish(int fiber, Operation<?> op, OpResult result) {
                return answer("onOpFinish");
            }

            @Override
            public Violation afterStep() {
                return answer("afterStep");
            }

            @Override
            public Violation onCrash(long timeNanos) {
                return answer("onCrash");
            }

            @Override
            public Violation onRecovery(long timeNanos) {
                return answer("onRecovery");
            }

            @Override
            public Violation onEnd(RunEnd end) {
                return answer("onEnd");
            }
        };
    }

    private static boolean fire(PropertyDispatch d, PropertyDispatch.Hook hook) {
        Operation<Void> op = () -> IOResult.done(null);
        return switch (hook) {
            case ON_OP_START -> d.opStart(3, op);
            case ON_OP_FINISH -> d.opFinish(3, op, OpResult.UNKNOWN);
            case AFTER_STEP -> d.afterStep(3);
            case ON_CRASH -> d.crash(5);
            case ON_RECOVERY -> d.recovery(5);
            case ON_END -> d.end(new RunEnd(true, 1, 1));
        };
    }

    /** The fiber a hook's violation is attributed to: the op hooks and afterStep name theirs, the others none. */
    private static int fiberOf(PropertyDispatch.Hook hook) {
        return switch (hook) {
            case ON_OP_START, ON_OP_FINISH, AFTER_STEP -> 3;
            case ON_CRASH, ON_RECOVERY, ON_END -> -1;
        };
    }

    @ParameterizedTest
    @EnumSource(PropertyDispatch.Hook.class)
    void aThrowingPropertyIsAnInternalErrorNamingThePropertyAndTheHook(PropertyDispatch.Hook hook) {
        List<String> calls = new ArrayList<>();
        Seen seen = new Seen();
        PropertyDispatch d = new PropertyDispatch(List.of(answering("ok", Answer.HOLD, calls),
            answering("buggy", Answer.THROW, calls), answering("later", Answer.HOLD, calls)), seen);
        assertFalse(fire(d, hook));
        assertNull(seen.violation);
        assertEquals(1, seen.reports);
        assertEquals("property buggy threw in " + hook.method + ": java.lang.IllegalStateException: checker bug",
            seen.internal);
        assertInstanceOf(IllegalStateException.class, seen.thrown);
        assertEquals(List.of("ok." + hook.method, "buggy." + hook.method), calls, "later properties are not asked");
    }

    @ParameterizedTest
    @EnumSource(PropertyDispatch.Hook.class)
    void aViolationReturnedOrThrownIsAViolationAttributedToTheHooksFiber(PropertyDispatch.Hook hook) {
        for (Answer answer : new Answer[] {Answer.RETURN, Answer.THROW_VIOLATION}) {
            Seen seen = new Seen();
            PropertyDispatch d = new PropertyDispatch(List.of(answering("p", answer, new ArrayList<>())), seen);
            assertFalse(fire(d, hook), answer.toString());
            assertNull(seen.internal, answer.toString());
            assertEquals(1, seen.reports);
            assertEquals("p", seen.violation.property());
            assertEquals(hook.method + (answer == Answer.RETURN ? " returned" : " thrown"), seen.violation.message());
            assertEquals(fiberOf(hook), seen.fiber);
        }
    }

    @Test
    void theFirstViolationWinsAndLaterPropertiesAreNotAsked() {
        List<String> calls = new ArrayList<>();
        Seen seen = new Seen();
        PropertyDispatch d = new PropertyDispatch(List.of(answering("first", Answer.THROW_VIOLATION, calls),
            answering("second", Answer.RETURN, calls), answering("third", Answer.THROW, calls)), seen);
        assertFalse(d.afterStep(0));
        assertEquals("first", seen.violation.property());
        assertEquals(1, seen.reports);
        assertEquals(List.of("first.afterStep"), calls);
    }

    @Test
    void whenEveryPropertyHoldsEveryOneIsAskedInOrderAndNothingIsReported() {
        List<String> calls = new ArrayList<>();
        Seen seen = new Seen();
        PropertyDispatch d = new PropertyDispatch(List.of(answering("a", Answer.HOLD, calls),
            answering("b", Answer.HOLD, calls)), seen);
        assertTrue(d.any());
        for (PropertyDispatch.Hook hook : PropertyDispatch.Hook.values()) {
            assertTrue(fire(d, hook), hook.toString());
        }
        assertEquals(0, seen.reports);
        assertEquals(12, calls.size());
        assertEquals(List.of("a.onOpStart", "b.onOpStart"), calls.subList(0, 2));
        assertFalse(new PropertyDispatch(List.of(), seen).any());
        assertTrue(new PropertyDispatch(List.of(), seen).afterStep(0), "no properties: nothing to violate");
    }

    @Test
    void hooksPassTheirArgumentsThrough() {
        Operation<Void> op = () -> IOResult.done(null);
        OpResult result = new OpResult.Ok(7L);
        RunEnd end = new RunEnd(false, 9, 9_000);
        List<Object> got = new ArrayList<>();
        Property p = new Property() {
            @Override
            public String name() {
                return "args";
            }

            @Override
            public Violation onOpStart(int fiber, Operation<?> o) {
                got.add(fiber);
                got.add(o);
                return null;
            }

            @Override
            public Violation onOpFinish(int fiber, Operation<?> o, OpResult r) {
                got.add(fiber);
                got.add(o);
                got.add(r);
                return null;
            }

            @Override
            public Violation onCrash(long timeNanos) {
                got.add(timeNanos);
                return null;
            }

            @Override
            public Violation onRecovery(long timeNanos) {
                got.add(timeNanos);
                return null;
            }

            @Override
            public Violation onEnd(RunEnd e) {
                got.add(e);
                return null;
            }
        };
        PropertyDispatch d = new PropertyDispatch(List.of(p), new Seen());
        d.opStart(1, op);
        d.opFinish(2, op, result);
        d.crash(30);
        d.recovery(40);
        d.end(end);
        assertEquals(List.of(1, op, 2, op, result, 30L, 40L, end), got);
        assertSame(op, got.get(1));
    }

    /** Through the scheduler: a checker that throws in afterStep ends the run as an internal error naming the hook. */
    @Test
    void inARunAThrowingHookIsAnInternalErrorAtThatStep() {
        RandomStreams streams = new RandomStreams(1);
        Recorder recorder = Recorder.recording(true);
        Property buggy = new Property() {
            int steps;

            @Override
            public String name() {
                return "buggy";
            }

            @Override
            public Violation afterStep() {
                if (++steps == 3) {
                    throw new IllegalStateException("broke");
                }
                return null;
            }
        };
        Scheduler s = new Scheduler(SchedulerConfig.defaults(), streams, recorder,
            new RandomStrategy(streams.stream(RandomStreams.SCHEDULER)), new VirtualClock(1_000), null, null,
            List.of(buggy), 2, ctx -> () -> Operation.named("op", () -> IOResult.done(1L)));
        Outcome.InternalError e = assertInstanceOf(Outcome.InternalError.class, s.run());
        assertEquals("property buggy threw in afterStep: java.lang.IllegalStateException: broke", e.message());
        assertEquals(3, e.step());
    }
}
