package dev.whopper.core.io;

/**
 * The I/O backend an engine runs on: opens files, runs ready completions in {@link #poll()}, offers
 * timers, and hands out the {@link Clock} and {@link RandomSource} the engine must use, so that a
 * simulator can make all of them deterministic.
 *
 * <p>Implementations: {@link dev.whopper.core.io.backend.MemoryIO} (in memory, for tests),
 * {@link dev.whopper.core.io.backend.FileChannelIO} (real disk) and the simulator's {@code SimIO}.
 */
public interface IO {
    /**
     * Opens a file.
     *
     * @param path   the file's path (a name, for in-memory backends)
     * @param create create the file when it does not exist
     * @return the open file
     * @throws IOFailureException when the file is absent and {@code create} is false, or opening failed
     */
    File open(String path, boolean create);

    /**
     * @param path a path
     * @return true when a file exists at {@code path}
     */
    boolean exists(String path);

    /**
     * Deletes a file if it exists.
     *
     * @param path a path
     */
    void delete(String path);

    /**
     * Runs the completions that are ready (their data effects, then their callbacks) and returns at once;
     * it never waits for a completion that is not ready. Not to be confused with a scheduler step.
     *
     * @return how many completions ran (finished) in this call
     */
    int poll();

    /** @return true when no operation or timer is in flight */
    boolean idle();

    /**
     * Starts a timer.
     *
     * @param delayNanos delay in nanoseconds of this IO's clock, &gt;= 0
     * @param c          a TIMER completion, finished once the delay has passed
     * @return {@code c}
     */
    Completion sleep(long delayNanos, Completion c);

    /** @return the clock the engine must use for every time decision */
    Clock clock();

    /** @return the random source the engine must use for every random decision */
    RandomSource random();
}
