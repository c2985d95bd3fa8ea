package dev.whopper.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.reports.model.Blame;
import dev.whopper.reports.model.Failure;
import dev.whopper.reports.model.TimelineEvent;
import dev.whopper.sim.Observation;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.workloads.property.Blamed;
import dev.whopper.workloads.property.OpResult;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.Violation;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.Operation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's own state machines and property through the public API: operations read their number from
 * {@link FiberContext#opIndex()}, the property blames one of another fiber's by it, and the report marks exactly
 * that operation.
 */
class UserBlameTest {
    /** What each operation saw: its fiber, its number, and when it ran. */
    record Seen(int fiber, long opIndex, long nowNanos) { }

    /** Two steps: note what it is, yield, finish. */
    static final class Note implements Operation<String> {
        private final List<Seen> seen;
        private final FiberContext ctx;
        private boolean noted;

        Note(List<Seen> seen, FiberContext ctx) {
            this.seen = seen;
            this.ctx = ctx;
        }

        @Override
        public IOResult<String> step() {
            if (!noted) {
                noted = true;
                seen.add(new Seen(ctx.id(), ctx.opIndex(), ctx.clock().nowNanos()));
                return IOResult.io(Completion.yielded());
            }
            return IOResult.done("noted");
        }

        @Override
        public String kind() {
            return "note";
        }
    }

    /** After the 7th operation finished, blames the 3rd one noted (whichever fiber ran it). */
    static final class BlameTheThird implements Property {
        private final List<Seen> seen;
        private int finished;

        BlameTheThird(List<Seen> seen) {
            this.seen = seen;
        }

        @Override
        public String name() {
            return "third-is-guilty";
        }

        @Override
        public Violation onOpFinish(int fiber, Operation<?> op, OpResult result) {
            if (++finished < 7) {
                return null;
            }
            Seen s = seen.get(2);
            return violation("seven done").blaming(List.of(new Blamed(s.fiber(), s.opIndex(), s.nowNanos(), s.nowNanos(),
                "was the third")));
        }
    }

    @Test
    void operationsAreNumberedPerFiberAndTheBlamedOneIsMarked() {
        List<List<Seen>> worlds = new ArrayList<>();
        Simulation<List<Seen>> sim = Simulation.builder(() -> {
            List<Seen> w = new ArrayList<>();
            worlds.add(w);
            return w;
        }).seed(3).fibers(3, 4, Note::new).property(BlameTheThird::new).build();
        LastEvents events = new LastEvents();
        RunResult r = sim.run(new Observation(events, false, null));
        List<Seen> seen = worlds.get(worlds.size() - 1);
        for (int f = 0; f < 3; f++) {
            int fiber = f;
            List<Long> numbers = seen.stream().filter(s -> s.fiber() == fiber).map(Seen::opIndex).toList();
            for (int i = 0; i < numbers.size(); i++) {
                assertEquals(i, numbers.get(i), "fiber " + f + " numbers its operations from 0: " + numbers);
            }
        }
        Failure failure = RunReports.of(r, null, events, 0).failures().get(0);
        Seen third = seen.get(2);
        assertEquals(List.of(new Blame(third.fiber(), third.opIndex(), third.nowNanos(), third.nowNanos(), "note",
            "was the third", false)), failure.violation().blamed());
        List<TimelineEvent> marked = failure.timeline().stream()
            .filter(e -> e.offending() && e.blame().equals("was the third")).toList();
        assertEquals(List.of("OP_START", "YIELD", "DONE"), marked.stream().map(TimelineEvent::kind).toList(),
            "exactly the third operation's events: " + marked);
        assertTrue(marked.stream().allMatch(e -> e.fiber() == third.fiber()));
        assertTrue(marked.get(0).timeNanos() <= third.nowNanos() && third.nowNanos() <= marked.get(2).timeNanos());
    }
}
