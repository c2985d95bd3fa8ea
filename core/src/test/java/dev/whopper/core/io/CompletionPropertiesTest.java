package dev.whopper.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of {@link Completion} and {@link CompletionGroup} over random trees of nested groups whose
 * leaves finish (succeed, fail or abort) before their add, between add and build, or after the whole
 * tree was built, in a random order. A reference model on a logical clock (one tick per add, build and
 * leaf finish) predicts when each group finishes and with which error; the real objects must agree at
 * every tick.
 */
class CompletionPropertiesTest {

    /** When a leaf finishes relative to its group's add and build. */
    enum Timing { BEFORE_ADD, BEFORE_BUILD, AFTER_BUILD }

    /** How a leaf finishes. */
    enum Outcome { OK, IO_ERROR, SHORT_READ, ABORT }

    sealed interface Node permits Leaf, Group { }

    record Leaf(Timing timing, Outcome outcome) implements Node { }

    record Group(List<Node> children) implements Node { }

    /** A tree plus the rank of every leaf (depth-first numbering) in the global finishing order. */
    record Scenario(Group root, List<Integer> order) { }

    // ---------------------------------------------------------------- generators

    private static Arbitrary<Node> node(int depth) {
        Arbitrary<Node> leaf = Combinators.combine(Arbitraries.of(Timing.class), Arbitraries.of(Outcome.class))
            .as(Leaf::new);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Node> group = group(depth - 1).map(g -> g);
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, group));
    }

    private static Arbitrary<Group> group(int depth) {
        return node(depth).list().ofMaxSize(5).map(Group::new);
    }

    private static int leafCount(Node n) {
        if (n instanceof Leaf) {
            return 1;
        }
        int sum = 0;
        for (Node c : ((Group) n).children()) {
            sum += leafCount(c);
        }
        return sum;
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return group(3).flatMap(g -> {
            List<Integer> ids = IntStream.range(0, leafCount(g)).boxed().collect(Collectors.toList());
            return Arbitraries.shuffle(ids).map(order -> new Scenario(g, order));
        });
    }

    // ---------------------------------------------------------------- the run

    /** One completion under observation. */
    static final class Tracked {
        final String name;
        Completion c;
        int callbacks;
        long finishedAt = -1;
        long addedAt = -1;
        // leaves
        Leaf leaf;
        int rank;
        CompletionError plannedError;
        // groups
        CompletionGroup group;
        long builtAt = -1;
        final List<Tracked> children = new ArrayList<>();
        // waiters: how often each was told
        final List<int[]> waiters = new ArrayList<>();

        Tracked(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final class Run {
        final Scenario scenario;
        long now;
        int nextLeaf;
        final List<Tracked> all = new ArrayList<>();
        final List<Tracked> afterBuild = new ArrayList<>();

        Run(Scenario scenario) {
            this.scenario = scenario;
        }

        CompletionCallback callbackFor(Tracked t) {
            return c -> {
                if (t.c == null) {
                    t.c = c; // a group finishing inside build(), before build() returned it
                }
                assertSame(t.c, c, "the callback gets its own completion");
                t.callbacks++;
                t.finishedAt = now;
            };
        }

        void tick() {
            now++;
            // After every tick: finished() matches "callback ran", never more than once, and waiters
            // registered while pending are told exactly when the completion finishes.
            for (Tracked t : all) {
                assertTrue(t.callbacks <= 1, t + " callback ran " + t.callbacks + " times");
                assertEquals(t.c.finished(), t.callbacks == 1, t + " finished() vs callback");
                for (int[] w : t.waiters) {
                    assertEquals(t.c.finished() ? 1 : 0, w[0], t + " waiter told count");
                }
            }
            // Register a waiter on some completions at every tick, pending or finished.
            for (int i = 0; i < all.size(); i++) {
                if ((i + now) % 3 == 0) {
                    addWaiter(all.get(i));
                }
            }
        }

        void addWaiter(Tracked t) {
            int[] told = new int[1];
            boolean wasFinished = t.c.finished();
            t.c.onFinish(c -> {
                assertSame(t.c, c);
                told[0]++;
            });
            assertEquals(wasFinished ? 1 : 0, told[0], t + ": a waiter on a finished completion is told at once");
            t.waiters.add(told);
        }

        void finishLeaf(Tracked t) {
            boolean set = switch (t.leaf.outcome()) {
                case OK -> t.c.complete(t.rank + 1);
                case IO_ERROR, SHORT_READ -> t.c.fail(t.plannedError);
                case ABORT -> t.c.abort();
            };
            assertTrue(set, t + " first result must be accepted");
            tick();
        }

        Tracked buildGroup(Group g, String name) {
            Tracked me = new Tracked(name);
            me.group = new CompletionGroup();
            List<Tracked> beforeBuild = new ArrayList<>();
            int i = 0;
            for (Node n : g.children()) {
                Tracked child;
                if (n instanceof Group sub) {
                    child = buildGroup(sub, name + "." + i);
                } else {
                    Leaf leaf = (Leaf) n;
                    child = new Tracked(name + ".L" + nextLeaf);
                    child.leaf = leaf;
                    child.rank = scenario.order().get(nextLeaf);
                    nextLeaf++;
                    child.plannedError = switch (leaf.outcome()) {
                        case IO_ERROR -> new CompletionError(ErrorCode.IO_ERROR, child.name);
                        case SHORT_READ -> new CompletionError(ErrorCode.SHORT_READ, child.name);
                        case ABORT -> CompletionError.ABORTED;
                        case OK -> null;
                    };
                    child.c = child.rank % 2 == 0
                        ? Completion.write(callbackFor(child))
                        : Completion.read(new byte[1], callbackFor(child));
                    all.add(child);
                    addWaiter(child);
                    switch (leaf.timing()) {
                        case BEFORE_ADD -> finishLeaf(child);
                        case BEFORE_BUILD -> beforeBuild.add(child);
                        case AFTER_BUILD -> afterBuild.add(child);
                    }
                }
                me.group.add(child.c);
                assertSame(me.group, child.c.group());
                child.addedAt = now;
                me.children.add(child);
                tick();
                i++;
            }
            beforeBuild.sort(Comparator.comparingInt(t -> t.rank));
            for (Tracked t : beforeBuild) {
                finishLeaf(t);
            }
            Completion built = me.group.build(callbackFor(me));
            if (me.c != null) {
                assertSame(me.c, built, "build() returns the completion its callback saw");
            }
            me.c = built;
            assertEquals(CompletionKind.GROUP, built.kind());
            me.builtAt = now;
            all.add(me);
            addWaiter(me);
            tick();
            return me;
        }

        void run() {
            Tracked root = buildGroup(scenario.root(), "root");
            afterBuild.sort(Comparator.comparingInt(t -> t.rank));
            for (Tracked t : afterBuild) {
                finishLeaf(t);
            }
            checkModel(root);
        }

        /** Checks every group against the model; returns nothing, asserts. */
        void checkModel(Tracked t) {
            if (t.leaf != null) {
                if (t.leaf.outcome() == Outcome.OK) {
                    assertTrue(t.c.succeeded(), t.name);
                    assertEquals(t.rank + 1, t.c.result(), t.name);
                } else {
                    assertSame(t.plannedError, t.c.error(), t.name);
                }
                return;
            }
            long expectedFinish = t.builtAt;
            Tracked firstFailed = null;
            long firstFailedSeen = Long.MAX_VALUE;
            for (Tracked child : t.children) {
                checkModel(child);
                expectedFinish = Math.max(expectedFinish, child.finishedAt);
                long seen = Math.max(child.addedAt, child.finishedAt);
                if (child.c.failed() && seen < firstFailedSeen) {
                    firstFailedSeen = seen;
                    firstFailed = child;
                }
            }
            assertEquals(expectedFinish, t.finishedAt, t.name + " finishes exactly when its last child finishes");
            if (firstFailed == null) {
                assertTrue(t.c.succeeded(), t.name + " succeeds when no child failed");
            } else {
                assertSame(firstFailed.c.error(), t.c.error(),
                    t.name + " error is the first observed child error (" + firstFailed.name + ")");
            }
            assertEquals(0, t.group.outstanding());
        }

        /** Builds the tree finishing only the leaves due before a build, then aborts the root. */
        void runAndCancel() {
            Tracked root = buildGroup(scenario.root(), "root");
            List<Boolean> finishedBefore = new ArrayList<>();
            List<CompletionError> errorsBefore = new ArrayList<>();
            for (Tracked t : all) {
                finishedBefore.add(t.c.finished());
                errorsBefore.add(t.c.error());
            }
            boolean wasFinished = root.c.finished();
            assertEquals(!wasFinished, root.c.abort(), "abort reports whether it set the result");
            for (int i = 0; i < all.size(); i++) {
                Tracked t = all.get(i);
                assertTrue(t.c.finished(), t.name + " finished after cancel");
                assertEquals(1, t.callbacks, t.name);
                if (finishedBefore.get(i)) {
                    assertSame(errorsBefore.get(i), t.c.error(), t.name + " kept its result");
                } else if (t.leaf != null) {
                    assertEquals(ErrorCode.ABORTED, t.c.error().code(), t.name + " aborted");
                }
            }
            for (Tracked t : afterBuild) {
                assertFalse(t.c.complete(1), t.name + " was aborted already");
            }
            checkFrozen();
        }

        void checkFrozen() {
            for (Tracked t : all) {
                boolean succeeded = t.c.succeeded();
                CompletionError error = t.c.error();
                int result = t.c.result();
                assertFalse(t.c.complete(12345), t.name);
                assertFalse(t.c.succeed(), t.name);
                assertFalse(t.c.fail(new CompletionError(ErrorCode.CORRUPT, "late")), t.name);
                assertFalse(t.c.abort(), t.name);
                assertEquals(succeeded, t.c.succeeded(), t.name);
                assertSame(error, t.c.error(), t.name);
                assertEquals(result, t.c.result(), t.name);
                assertEquals(1, t.callbacks, t.name + " callback exactly once");
                addWaiter(t);
                for (int[] w : t.waiters) {
                    assertEquals(1, w[0], t.name + " every waiter told exactly once");
                }
            }
        }
    }

    @Property(tries = 300)
    void groupTreesFinishExactlyWhenTheirLastChildFinishes(@ForAll("scenarios") Scenario scenario) {
        Run run = new Run(scenario);
        run.run();
        run.checkFrozen();
        Tracked root = run.all.get(run.all.size() - 1);
        assertTrue(root.c.finished(), "the root finishes once every leaf has");
    }

    @Property(tries = 150)
    void cancelFinishesEveryGroupWithoutTouchingFinishedLeaves(@ForAll("scenarios") Scenario scenario) {
        // Build the tree but finish only the leaves before build; then abort the root.
        new Run(scenario).runAndCancel();
    }

    // ---------------------------------------------------------------- single completion

    enum Op { COMPLETE, SUCCEED, FAIL, ABORT, WAIT }

    @Property(tries = 300)
    void firstResultWinsAndEveryoneIsToldOnce(@ForAll("ops") List<Op> ops) {
        int[] callbacks = new int[1];
        Completion c = Completion.write(x -> callbacks[0]++);
        List<int[]> waiters = new ArrayList<>();
        Op first = null;
        CompletionError firstError = null;
        int i = 0;
        for (Op op : ops) {
            i++;
            boolean before = c.finished();
            CompletionError err = new CompletionError(ErrorCode.IO_ERROR, "op " + i);
            boolean set = switch (op) {
                case COMPLETE -> c.complete(i);
                case SUCCEED -> c.succeed();
                case FAIL -> c.fail(err);
                case ABORT -> c.abort();
                case WAIT -> {
                    int[] told = new int[1];
                    c.onFinish(x -> told[0]++);
                    waiters.add(told);
                    assertEquals(before ? 1 : 0, told[0]);
                    yield false;
                }
            };
            if (op != Op.WAIT) {
                assertEquals(!before, set, "only the first result is accepted");
                if (set) {
                    first = op;
                    firstError = op == Op.FAIL ? err : op == Op.ABORT ? CompletionError.ABORTED : null;
                    if (op == Op.COMPLETE) {
                        assertEquals(i, c.result());
                    }
                }
            }
            assertEquals(c.finished() ? 1 : 0, callbacks[0]);
            for (int[] w : waiters) {
                assertEquals(c.finished() ? 1 : 0, w[0]);
            }
        }
        if (first == null) {
            assertFalse(c.finished());
        } else {
            assertEquals(firstError == null, c.succeeded());
            assertSame(firstError, c.error());
            if (firstError == null) {
                assertNull(c.error());
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Arbitraries.of(Op.class).list().ofMaxSize(12);
    }
}
