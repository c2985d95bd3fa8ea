package dev.whopper.core.io;

import java.util.Objects;

/**
 * The result of one call into an asynchronous operation: either {@link Done} with the operation's value,
 * or {@link IO} meaning "call me again after this completion has finished".
 *
 * <p>Propagating I/O upward (Rust's {@code return_if_io!}) is one line with {@link #isIo()} and
 * {@link #cast()}, and {@link #value()} reads the value once the result is known to be done:
 *
 * <pre>{@code
 * IOResult<Page> r = cache.read(pageNo);
 * if (r.isIo()) return r.cast();      // return_if_io!
 * Page page = r.value();
 * }</pre>
 *
 * Yielding one completion ({@code io_yield_one!}) is {@code return IOResult.io(completion);}.
 * {@link #value()} on an {@code IO} result and {@link #cast()} on a {@code Done} result throw
 * {@link IllegalStateException}, so a forgotten propagation fails loudly instead of silently reading
 * {@code null}.
 *
 * @param <T> the operation's value type
 */
public sealed interface IOResult<T> permits IOResult.Done, IOResult.IO {

    /** The shared {@code Done(null)} for operations without a value. */
    IOResult<Void> DONE = new Done<>(null);

    /**
     * The operation finished with a value.
     *
     * @param value the value, may be {@code null}
     * @param <T>   the value type
     */
    record Done<T>(T value) implements IOResult<T> {
        @Override
        public boolean isIo() {
            return false;
        }

        @Override
        public Completion completion() {
            throw new IllegalStateException("completion() on Done: the operation has finished");
        }

        @Override
        public <U> IOResult<U> cast() {
            throw new IllegalStateException("cast() on Done: only an IO result can be propagated");
        }
    }

    /**
     * The operation is waiting for I/O; call it again after {@code completions} has finished.
     *
     * @param completions what the operation waits for
     * @param <T>         the value type the operation will eventually return
     */
    record IO<T>(IOCompletions completions) implements IOResult<T> {
        /** Checks that the completions are present. */
        public IO {
            Objects.requireNonNull(completions, "completions");
        }

        @Override
        public boolean isIo() {
            return true;
        }

        @Override
        public T value() {
            throw new IllegalStateException("value() on IO: the operation is waiting for " + completions.completion());
        }

        @Override
        public Completion completion() {
            return completions.completion();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <U> IOResult<U> cast() {
            return (IOResult<U>) this;
        }
    }

    /**
     * A finished result.
     *
     * @param value the value
     * @param <T>   the value type
     * @return {@code Done(value)}
     */
    static <T> IOResult<T> done(T value) {
        return new Done<>(value);
    }

    /**
     * The shared finished result without a value, typed as needed.
     *
     * @param <T> the wanted type (the value is {@code null})
     * @return {@code Done(null)}
     */
    @SuppressWarnings("unchecked")
    static <T> IOResult<T> done() {
        return (IOResult<T>) DONE;
    }

    /**
     * A result that waits for {@code completion} ({@code io_yield_one!}).
     *
     * @param completion the completion to wait for
     * @param <T>        the eventual value type
     * @return {@code IO(completion)}
     */
    static <T> IOResult<T> io(Completion completion) {
        return new IO<>(new IOCompletions(completion));
    }

    /** @return true when this result is {@link IO}, i.e. the caller must propagate it */
    boolean isIo();

    /** @return true when this result is {@link Done} */
    default boolean isDone() {
        return !isIo();
    }

    /**
     * The value of a {@link Done} result.
     *
     * @return the value
     * @throws IllegalStateException when this is an {@link IO} result
     */
    T value();

    /**
     * The completion an {@link IO} result waits for.
     *
     * @return the completion
     * @throws IllegalStateException when this is a {@link Done} result
     */
    Completion completion();

    /**
     * Re-types an {@link IO} result for propagation to a caller with another value type
     * ({@code return_if_io!}). Allocates nothing.
     *
     * @param <U> the caller's value type
     * @return this result, re-typed
     * @throws IllegalStateException when this is a {@link Done} result
     */
    <U> IOResult<U> cast();
}
