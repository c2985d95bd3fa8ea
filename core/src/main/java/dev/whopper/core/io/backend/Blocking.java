package dev.whopper.core.io.backend;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOResult;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Drives one asynchronous operation to completion by polling its {@link IO}. For examples, tests and
 * the real-disk backend only: state machines themselves never block.
 */
public final class Blocking {
    private Blocking() { }

    /**
     * Calls {@code operation} until it returns Done, polling {@code io} while it waits.
     *
     * @param io        the backend the operation's completions come from
     * @param operation one call of the operation; called again after each awaited completion finished
     * @param maxPolls  bound on {@code io.poll()} calls, &gt; 0; exceeding it throws
     * @param <T>       value type
     * @return the operation's value
     * @throws IllegalStateException when the operation waits for a completion that can never finish
     *                               (nothing in flight) or {@code maxPolls} runs out
     */
    public static <T> T run(IO io, Supplier<IOResult<T>> operation, long maxPolls) {
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(operation, "operation");
        if (maxPolls <= 0) {
            throw new IllegalArgumentException("maxPolls: " + maxPolls + " (expected: > 0)");
        }
        long polls = 0;
        while (true) {
            IOResult<T> r = operation.get();
            if (!r.isIo()) {
                return r.value();
            }
            Completion c = r.completion();
            if (c.finished()) {
                // A YIELD (or an already finished completion): let the backend run what is ready, then call
                // again. Counted, so an operation that yields forever hits maxPolls instead of spinning.
                if (++polls > maxPolls) {
                    throw new IllegalStateException("operation still yielding on " + c + " after " + maxPolls + " polls");
                }
                io.poll();
                continue;
            }
            while (!c.finished()) {
                if (++polls > maxPolls) {
                    throw new IllegalStateException("operation still waiting on " + c + " after " + maxPolls + " polls");
                }
                int ran = io.poll();
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
     * {@link #run(IO, Supplier, long)} with a bound of ten billion polls.
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
