package dev.whopper.workloads.spi;

import dev.whopper.core.io.Completion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A condition a fiber can wait for and another fiber can announce, for modelling condition variables and
 * queues in user programs. {@link #await()} hands out a pending {@code WAIT} completion labelled
 * {@code signal "<name>"}; the waiting step returns {@code IOResult.io(signal.await())} and the fiber is
 * BLOCKED until some fiber calls {@link #signalAll()}. Like a condition variable, a signal has no memory:
 * awaiting after the last {@code signalAll()} waits for the next one (a missed wake-up when nobody signals
 * again ends the run as a DEADLOCK, whose report names the signal:
 * {@code fiber 1 (consume) blocked on signal "ready" (pending)}). For mutual exclusion use {@link Mutex}.
 */
public final class Signal {
    private final String name;
    /** Built once: an await builds no string. */
    private final String waitLabel;
    private final List<Completion> waiters = new ArrayList<>();
    private long signals;

    /** A signal named {@code "unnamed"}; prefer {@link #Signal(String)}, whose name deadlock reports show. */
    public Signal() {
        this("unnamed");
    }

    /**
     * @param name what the signal announces, e.g. {@code "opened"}; shown in deadlock reports
     * @throws NullPointerException     when {@code name} is null
     * @throws IllegalArgumentException ({@code "name: \"\" (expected: a non-empty name)"}) when it is empty
     */
    public Signal(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name: \"\" (expected: a non-empty name)");
        }
        this.name = name;
        this.waitLabel = "signal \"" + name + "\"";
    }

    /** @return the signal's name */
    public String name() {
        return name;
    }

    /** @return a pending completion, labelled {@code signal "<name>"}, finished by the next {@link #signalAll()} */
    public Completion await() {
        Completion c = Completion.waiting(waitLabel);
        waiters.add(c);
        return c;
    }

    /**
     * Wakes every current waiter (in the order they started waiting).
     *
     * @return how many were woken
     */
    public int signalAll() {
        signals++;
        int n = waiters.size();
        if (n == 0) {
            return 0;
        }
        List<Completion> woken = new ArrayList<>(waiters);
        waiters.clear();
        for (Completion c : woken) {
            c.succeed();
        }
        return n;
    }

    /** @return how many fibers are waiting */
    public int waiting() {
        return waiters.size();
    }

    /** @return how many times {@link #signalAll()} was called */
    public long signals() {
        return signals;
    }

    /** @return {@code signal "<name>"} */
    @Override
    public String toString() {
        return waitLabel;
    }
}
