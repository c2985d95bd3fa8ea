package dev.whopper.workloads.spi;

import dev.whopper.core.io.Completion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A named, non-reentrant mutual-exclusion lock for user programs, held by one fiber at a time.
 *
 * <p>{@link #lock(int)} takes the mutex when it is free and returns {@code null}; when another fiber holds
 * it, it returns a pending {@code WAIT} completion labelled {@code "mutex A, held by fiber 1"}, and the
 * step returns {@code IOResult.io(that)} and calls {@code lock} again once woken:
 * <pre>{@code
 * Completion wait = mutex.lock(ctx.id());
 * if (wait != null) {
 *     return IOResult.io(wait); // step() runs again after an unlock; it retries
 * }
 * }</pre>
 *
 * <p>Waking: {@link #unlock(int)} wakes <em>every</em> waiter, in the order they started waiting, and
 * each retries; whichever retries first (the scheduler's choice, so deterministic per seed) takes the
 * mutex and the others wait again. Not fair: a fiber that calls {@code lock} before the woken ones retry
 * may take it first. (This is the behaviour of a lock built on a {@link Signal}, kept exactly.)
 *
 * <p>A deadlock report names the mutex and its holder: {@code fiber 1 (transfer) blocked on mutex A, held
 * by fiber 0 (pending)}.
 */
public final class Mutex {
    private final String name;
    private int owner = -1;
    private final ArrayList<Completion> waiting = new ArrayList<>();
    private final ArrayList<Integer> waitingFibers = new ArrayList<>();

    /**
     * @param name the mutex's name, e.g. {@code "A"}; shown in deadlock reports
     * @throws NullPointerException     when {@code name} is null
     * @throws IllegalArgumentException ({@code "name: \"\" (expected: a non-empty name)"}) when it is empty
     */
    public Mutex(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name: \"\" (expected: a non-empty name)");
        }
        this.name = name;
    }

    /** @return the mutex's name */
    public String name() {
        return name;
    }

    /** @return the fiber holding the mutex, or -1 when it is free */
    public int owner() {
        return owner;
    }

    /** @return true when some fiber holds the mutex */
    public boolean held() {
        return owner >= 0;
    }

    /**
     * @return the fibers waiting for the mutex (their wait completion not finished), in the order they
     *         started waiting (a read-only copy)
     */
    public List<Integer> waiters() {
        ArrayList<Integer> fibers = new ArrayList<>(waitingFibers.size());
        for (int i = 0; i < waiting.size(); i++) {
            if (!waiting.get(i).finished()) {
                fibers.add(waitingFibers.get(i));
            }
        }
        return Collections.unmodifiableList(fibers);
    }

    /**
     * Takes the mutex if it is free; never waits.
     *
     * @param fiber the fiber taking it (its {@link FiberContext#id()})
     * @return true when {@code fiber} now holds the mutex, false when another fiber does
     * @throws IllegalArgumentException ({@code "fiber: -1 (expected: >= 0)"}) for a negative id
     * @throws IllegalStateException    ({@code "mutex A: fiber 1 locks it again (it holds it already; not
     *                                  reentrant)"}) when {@code fiber} holds it already
     */
    public boolean tryLock(int fiber) {
        checkFiber(fiber);
        if (owner == fiber) {
            throw new IllegalStateException("mutex " + name + ": fiber " + fiber
                + " locks it again (it holds it already; not reentrant)");
        }
        if (owner >= 0) {
            return false;
        }
        owner = fiber;
        return true;
    }

    /**
     * Takes the mutex, or hands out a completion to wait on.
     *
     * @param fiber the fiber taking it (its {@link FiberContext#id()})
     * @return {@code null} when {@code fiber} now holds the mutex; else a pending completion labelled
     *         {@code "mutex <name>, held by fiber <owner>"}, finished by the next {@link #unlock}, after which
     *         the fiber calls {@code lock} again
     * @throws IllegalArgumentException for a negative id (as {@link #tryLock})
     * @throws IllegalStateException    when {@code fiber} holds it already (as {@link #tryLock})
     */
    public Completion lock(int fiber) {
        if (tryLock(fiber)) {
            return null;
        }
        int holder = owner;
        Completion c = Completion.waiting(() -> "mutex " + name + ", held by fiber " + holder);
        waiting.add(c);
        waitingFibers.add(fiber);
        return c;
    }

    /**
     * Releases the mutex and wakes every waiter, in the order they started waiting (each then retries).
     *
     * @param fiber the fiber releasing it; must be the owner
     * @return how many wait completions were handed out since the last unlock (each finished now, unless
     *         something finished it before)
     * @throws IllegalStateException ({@code "mutex A: unlocked by fiber 2, but it is held by fiber 1"} or
     *                               {@code "mutex A: unlocked by fiber 2, but it is not held"}) when
     *                               {@code fiber} does not hold it
     */
    public int unlock(int fiber) {
        if (owner != fiber) {
            throw new IllegalStateException("mutex " + name + ": unlocked by fiber " + fiber + ", but it is "
                + (owner < 0 ? "not held" : "held by fiber " + owner));
        }
        owner = -1;
        int n = waiting.size();
        if (n == 0) {
            return 0;
        }
        Completion[] woken = waiting.toArray(new Completion[0]);
        waiting.clear();
        waitingFibers.clear();
        for (Completion c : woken) {
            c.succeed();
        }
        return n;
    }

    /** @return e.g. {@code "mutex A, held by fiber 1, waiters [2, 0]"} or {@code "mutex A, free"} */
    @Override
    public String toString() {
        List<Integer> w = waiters();
        return "mutex " + name + (owner < 0 ? ", free" : ", held by fiber " + owner) + (w.isEmpty() ? "" : ", waiters " + w);
    }

    private static void checkFiber(int fiber) {
        if (fiber < 0) {
            throw new IllegalArgumentException("fiber: " + fiber + " (expected: >= 0)");
        }
    }
}
