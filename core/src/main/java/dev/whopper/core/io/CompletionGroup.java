package dev.whopper.core.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Aggregates completions into one GROUP completion that finishes when every child has finished.
 *
 * <p>Rules:
 * <ul>
 *   <li>{@link #add(Completion)} children (pending or already finished), then {@link #build} once.</li>
 *   <li>The group completion finishes exactly when its last child finishes (or at {@code build()}
 *       when all children finished before). A failed child does not finish the group early.</li>
 *   <li>Its result is the first child error in completion order as the group observes it (a child
 *       already finished when added counts as finishing at its {@code add}), else success.</li>
 *   <li>An empty group builds an already-succeeded completion.</li>
 *   <li>A completion may belong to one group only; adding it to a second throws
 *       {@link IllegalStateException}. Groups nest: a built group completion is itself a child.</li>
 *   <li>{@link #cancel()} aborts every unfinished child.</li>
 * </ul>
 */
public final class CompletionGroup {
    private final ArrayList<Completion> children;
    private int outstanding;
    private CompletionError firstError;
    private Completion built;

    /** An empty group. */
    public CompletionGroup() {
        this(4);
    }

    /**
     * An empty group sized for {@code expectedChildren}.
     *
     * @param expectedChildren capacity hint, &gt;= 0
     */
    public CompletionGroup(int expectedChildren) {
        if (expectedChildren < 0) {
            throw new IllegalArgumentException("expectedChildren: " + expectedChildren + " (expected: >= 0)");
        }
        children = new ArrayList<>(expectedChildren);
    }

    /**
     * Adds a child.
     *
     * @param child the completion
     * @return this group
     * @throws IllegalStateException when the group was built already or the child belongs to a group
     */
    public CompletionGroup add(Completion child) {
        if (built != null) {
            throw new IllegalStateException("add() after build()");
        }
        child.attachTo(this);
        children.add(child);
        if (child.finished()) {
            if (child.failed() && firstError == null) {
                firstError = child.error();
            }
        } else {
            outstanding++;
        }
        return this;
    }

    /** @return the children in the order they were added (a read-only view) */
    public List<Completion> children() {
        return java.util.Collections.unmodifiableList(children);
    }

    /** @return how many children have not finished */
    public int outstanding() {
        return outstanding;
    }

    /**
     * Builds the group completion without a callback.
     *
     * @return the GROUP completion
     */
    public Completion build() {
        return build(null);
    }

    /**
     * Builds the group completion; callable once.
     *
     * @param callback told once when the group finishes, or {@code null}
     * @return the GROUP completion, finished already when no child is outstanding
     * @throws IllegalStateException when called twice
     */
    public Completion build(CompletionCallback callback) {
        if (built != null) {
            throw new IllegalStateException("build() called twice");
        }
        built = Completion.group(this, callback);
        if (outstanding == 0) {
            finishGroup();
        }
        return built;
    }

    /** Aborts every unfinished child; the group finishes once all children have. */
    public void cancel() {
        // Copy: aborting a child may finish nested groups and run callbacks that look at this group.
        Completion[] snapshot = children.toArray(new Completion[0]);
        for (Completion c : snapshot) {
            if (!c.finished()) {
                c.abort();
            }
        }
    }

    void childFinished(Completion child) {
        if (child.failed() && firstError == null) {
            firstError = child.error();
        }
        if (outstanding <= 0) {
            throw new IllegalStateException("group told of a finished child with no child outstanding: " + child);
        }
        outstanding--;
        if (outstanding == 0 && built != null) {
            finishGroup();
        }
    }

    private void finishGroup() {
        if (firstError != null) {
            built.fail(firstError);
        } else {
            built.succeed();
        }
    }
}
