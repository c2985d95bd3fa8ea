package dev.whopper.workloads.spi;

import dev.whopper.core.io.Completion;
import java.util.ArrayList;
import java.util.List;

/**
 * A condition a fiber can wait for and another fiber can announce, for modelling locks, condition
 * variables and queues in user programs. {@link #await()} hands out a pending completion; the waiting
 * step returns {@code IOResult.io(signal.await())} and the fiber is BLOCKED until some fiber calls
 * {@link #signalAll()}. Like a condition variable, a signal has no memory: awaiting after the last
 * {@code signalAll()} waits for the next one (a missed wake-up when nobody signals again ends the run
 * as a DEADLOCK).
 */
public final class Signal {
    private final List<Completion> waiters = new ArrayList<>();
    private long signals;

    /** @return a pending completion finished by the next {@link #signalAll()} */
    public Completion await() {
        Completion c = Completion.timer(null);
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
}
