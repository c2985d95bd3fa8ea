package dev.whopper.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The edge cases of {@link CompletionGroup}, one example each (the properties cover random trees). */
class CompletionGroupTest {
    private static final CompletionError E1 = new CompletionError(ErrorCode.IO_ERROR, "first");
    private static final CompletionError E2 = new CompletionError(ErrorCode.SHORT_READ, "second");

    @Test
    void emptyGroupBuildsAnAlreadySucceededCompletionAndRunsItsCallback() {
        int[] calls = new int[1];
        Completion g = new CompletionGroup().build(c -> calls[0]++);
        assertEquals(CompletionKind.GROUP, g.kind());
        assertTrue(g.finished());
        assertTrue(g.succeeded());
        assertEquals(1, calls[0]);
    }

    @Test
    void childrenFinishedBeforeBuildInAnyOrderAreCounted() {
        // Finished before add, finished between add and build, and pending; in every order.
        Completion okBeforeAdd = Completion.write(null);
        okBeforeAdd.complete(1);
        Completion pending = Completion.write(null);
        Completion okAfterAdd = Completion.write(null);
        CompletionGroup group = new CompletionGroup();
        group.add(okBeforeAdd).add(pending).add(okAfterAdd);
        assertEquals(2, group.outstanding());
        okAfterAdd.complete(2);
        assertEquals(1, group.outstanding());
        Completion g = group.build();
        assertFalse(g.finished(), "one child is still pending");
        pending.complete(3);
        assertTrue(g.succeeded());
        assertEquals(0, group.outstanding());
        assertEquals(List.of(okBeforeAdd, pending, okAfterAdd), group.children());
    }

    @Test
    void allChildrenFinishedBeforeBuildFinishesAtBuild() {
        Completion a = Completion.write(null);
        Completion b = Completion.write(null);
        CompletionGroup group = new CompletionGroup().add(a).add(b);
        b.complete(0);
        a.complete(0);
        int[] calls = new int[1];
        Completion g = group.build(c -> calls[0]++);
        assertTrue(g.succeeded());
        assertEquals(1, calls[0]);
    }

    @Test
    void childrenFailedBeforeBuildGiveTheFirstObservedError() {
        // b failed before it was added: the group observes it at its add, before a's later failure.
        Completion a = Completion.write(null);
        Completion b = Completion.write(null);
        CompletionGroup group = new CompletionGroup().add(a);
        b.fail(E2);
        group.add(b);
        a.fail(E1);
        Completion g = group.build();
        assertTrue(g.failed());
        assertSame(E2, g.error());
    }

    @Test
    void childFailedBeforeAddCountsAtItsAddNotAtItsFailure() {
        // late failed before early, but early was added (and failed) first as far as the group sees it.
        Completion early = Completion.write(null);
        Completion late = Completion.write(null);
        late.fail(E2);
        CompletionGroup group = new CompletionGroup();
        early.fail(E1);
        group.add(early).add(late);
        assertSame(E1, group.build().error());
    }

    @Test
    void failedChildDoesNotFinishTheGroupBeforeTheOthers() {
        Completion a = Completion.write(null);
        Completion b = Completion.write(null);
        Completion c = Completion.write(null);
        CompletionGroup group = new CompletionGroup().add(a).add(b).add(c);
        List<Completion> told = new ArrayList<>();
        Completion g = group.build(told::add);
        b.fail(E1);
        assertFalse(g.finished(), "a failure alone does not finish the group");
        a.fail(E2);
        assertFalse(g.finished());
        c.complete(9);
        assertTrue(g.failed());
        assertSame(E1, g.error(), "first error by completion order");
        assertEquals(List.of(g), told);
    }

    @Test
    void secondGroupAddThrowsAndChangesNothing() {
        Completion c = Completion.write(null);
        CompletionGroup first = new CompletionGroup().add(c);
        CompletionGroup second = new CompletionGroup();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> second.add(c));
        assertTrue(e.getMessage().contains("already belongs to a group"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> first.add(c), "not even twice in the same group");
        assertSame(first, c.group());
        assertTrue(second.children().isEmpty());
        assertEquals(0, second.outstanding());
        assertEquals(1, first.children().size());
        Completion g2 = second.build();
        assertTrue(g2.succeeded(), "the second group never saw the child");
        Completion g1 = first.build();
        assertFalse(g1.finished());
        c.complete(0);
        assertTrue(g1.succeeded());
    }

    @Test
    void builtGroupCompletionBelongsToOneParentOnly() {
        Completion inner = new CompletionGroup().add(Completion.write(null)).build();
        new CompletionGroup().add(inner);
        assertThrows(IllegalStateException.class, () -> new CompletionGroup().add(inner));
    }

    @Test
    void addAfterBuildAndBuildTwiceThrow() {
        CompletionGroup group = new CompletionGroup().add(Completion.write(null));
        group.build();
        Completion extra = Completion.write(null);
        IllegalStateException add = assertThrows(IllegalStateException.class, () -> group.add(extra));
        assertEquals("add() after build()", add.getMessage());
        assertNull(extra.group(), "a rejected add leaves the child free");
        IllegalStateException build = assertThrows(IllegalStateException.class, group::build);
        assertEquals("build() called twice", build.getMessage());
        assertEquals(1, group.children().size());
    }

    @Test
    void negativeCapacityIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CompletionGroup(-1));
        assertEquals("expectedChildren: -1 (expected: >= 0)", e.getMessage());
    }

    @Test
    void childrenViewIsReadOnly() {
        CompletionGroup group = new CompletionGroup().add(Completion.write(null));
        assertThrows(UnsupportedOperationException.class, () -> group.children().clear());
    }

    @Test
    void cancelAbortsOnlyUnfinishedChildren() {
        Completion done = Completion.write(null);
        Completion pending1 = Completion.write(null);
        Completion pending2 = Completion.read(new byte[4], null);
        CompletionGroup group = new CompletionGroup().add(done).add(pending1).add(pending2);
        done.complete(5);
        Completion g = group.build();
        group.cancel();
        assertTrue(done.succeeded(), "a finished child keeps its result");
        assertEquals(5, done.result());
        assertEquals(ErrorCode.ABORTED, pending1.error().code());
        assertEquals(ErrorCode.ABORTED, pending2.error().code());
        assertTrue(g.failed());
        assertEquals(ErrorCode.ABORTED, g.error().code());
    }

    @Test
    void cancelKeepsAnEarlierRealErrorAsTheGroupError() {
        Completion a = Completion.write(null);
        Completion b = Completion.write(null);
        CompletionGroup group = new CompletionGroup().add(a).add(b);
        Completion g = group.build();
        a.fail(E1);
        group.cancel();
        assertSame(E1, g.error());
        assertEquals(ErrorCode.ABORTED, b.error().code());
    }

    @Test
    void cancelBeforeBuildMakesBuildFinishAtOnce() {
        Completion a = Completion.write(null);
        CompletionGroup group = new CompletionGroup().add(a);
        group.cancel();
        Completion g = group.build();
        assertTrue(g.failed());
        assertEquals(ErrorCode.ABORTED, g.error().code());
    }

    @Test
    void abortOnGroupCompletionCancelsItsGroupIncludingNestedGroups() {
        Completion leaf1 = Completion.write(null);
        Completion leaf2 = Completion.write(null);
        Completion finishedLeaf = Completion.write(null);
        CompletionGroup innerGroup = new CompletionGroup().add(leaf2).add(finishedLeaf);
        finishedLeaf.complete(1);
        Completion inner = innerGroup.build();
        CompletionGroup outerGroup = new CompletionGroup().add(leaf1).add(inner);
        int[] outerCalls = new int[1];
        Completion outer = outerGroup.build(c -> outerCalls[0]++);

        assertTrue(outer.abort(), "abort set the group's result");
        assertEquals(ErrorCode.ABORTED, leaf1.error().code());
        assertEquals(ErrorCode.ABORTED, leaf2.error().code());
        assertTrue(finishedLeaf.succeeded());
        assertTrue(inner.failed());
        assertTrue(outer.failed());
        assertEquals(ErrorCode.ABORTED, outer.error().code());
        assertEquals(1, outerCalls[0]);
        assertFalse(outer.abort(), "a second abort changes nothing");
        assertEquals(1, outerCalls[0]);
    }

    @Test
    void abortOnInnerGroupCompletionFinishesOuterWhenLastChild() {
        Completion leaf = Completion.write(null);
        Completion inner = new CompletionGroup().add(leaf).build();
        Completion sibling = Completion.write(null);
        Completion outer = new CompletionGroup().add(inner).add(sibling).build();
        inner.abort();
        assertTrue(leaf.failed());
        assertFalse(outer.finished(), "the sibling is still pending");
        sibling.complete(1);
        assertEquals(ErrorCode.ABORTED, outer.error().code());
    }

    @Test
    void nestedGroupsFinishBottomUpInTheLastLeafsCall() {
        List<String> log = new ArrayList<>();
        Completion a = Completion.write(c -> log.add("a"));
        Completion b = Completion.write(c -> log.add("b"));
        Completion inner = new CompletionGroup().add(a).add(b).build(c -> log.add("inner"));
        Completion c1 = Completion.sync(c -> log.add("c"));
        Completion outer = new CompletionGroup().add(c1).add(inner).build(c -> log.add("outer"));
        outer.onFinish(c -> log.add("outer-waiter"));
        a.complete(1);
        c1.complete(0);
        assertFalse(outer.finished());
        b.complete(1);
        assertEquals(List.of("a", "c", "b", "inner", "outer", "outer-waiter"), log);
    }

    @Test
    void childCallbackRunsBeforeGroupIsToldAndWaitersAfter() {
        List<String> log = new ArrayList<>();
        Completion a = Completion.write(c -> log.add("child-callback"));
        a.onFinish(c -> log.add("child-waiter"));
        CompletionGroup group = new CompletionGroup().add(a);
        group.build(c -> log.add("group-callback"));
        a.complete(0);
        assertEquals(List.of("child-callback", "group-callback", "child-waiter"), log);
    }

    @Test
    void yieldChildIsAlreadyFinished() {
        CompletionGroup group = new CompletionGroup().add(Completion.yielded());
        assertEquals(0, group.outstanding());
        assertTrue(group.build().succeeded());
    }
}
