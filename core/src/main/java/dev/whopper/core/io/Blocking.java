package dev.whopper.core.io;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Drives one asynchronous operation to completion by stepping its {@link IO}. For examples, tests and
 * the real-disk backend only: state machines themselves never block.
 */
public final class Blocking {
    private Blocking() { }

    /**
     * Calls {@code operation} until it returns Done, stepping {@code io} while it waits.
     *
     * @param io        the backend the operation's completions come from
     * @param operation one call of the operation; called again after each awaited completion finished
     * @param maxSteps  bound on {@code io.step()} calls, &gt; 0; exceeding it throws
     * @param <T>       value type
     * @return the operation's value
     * @throws IllegalStateException when the operation waits for a completion that can never finish
     *                               (nothing in flight) or {@code maxSteps} runs out
     */
    public static <T> T run(IO io, Supplier<IOResult<T>> operation, long maxSteps) {
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(operation, "operation");
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("maxSteps: " + maxSteps + " (expected: > 0)");
        }
        long steps = 0;
        while (true) {
            IOResult<T> r = operation.get();
            if (!r.isIo()) {
                return r.value();
            }
            Completion c = r.completion();
            if (c.finished()) {
                // A YIELD (or an already finished completion): let the backend run what is ready, then call
                // again. Counted, so an operation that yields forever hits maxSteps instead of spinning.
                if (++steps > maxSteps) {
                    throw new IllegalStateException("operation still yielding on " + c + " after " + maxSteps + " steps");
                }
                io.step();
                continue;
            }
            while (!c.finished()) {
                if (++steps > maxSteps) {
                    throw new IllegalStateException("operation still waiting on " + c + " after " + maxSteps + " steps");
                }
                int ran = io.step();
                if (ran == 0 && !c.finished()) {
                    if (io.idle()) {
                        throw new IllegalStateException("operation waits on " + c + " but nothing is in flight (lost wake-up)");
                    }
                    if (io instanceof FileChannelIO disk) {
                        disk.awaitWork(1_000_000L);
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }
        }
    }

    /**
     * {@link #run(IO, Supplier, long)} with a bound of ten billion steps.
     *
     * @param io        the backend
     * @param operation the operation
     * @param <T>       value type
     * @return the operation's value
     */
    public static <T> T run(IO io, Supplier<IOResult<T>> operation) {
        return run(io, operation, 10_000_000_000L);
    }
}
