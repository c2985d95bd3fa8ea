package dev.whopper.workloads.spi;

/**
 * What a workload may ask about the faults the run injected, without knowing which I/O implementation it
 * runs on. A workload uses it to tell an expected outcome from a bug: a checksum failure is expected only
 * when the disk really flipped a stored bit.
 */
public interface FaultOracle {
    /** The oracle of a run without fault injection: nothing was ever injected, so faults have always stopped. */
    FaultOracle NONE = new FaultOracle() {
        @Override
        public long bitFlips() {
            return 0;
        }

        @Override
        public boolean faultsStopped() {
            return true;
        }
    };

    /** @return how many stored bits the simulated disk has flipped so far in this run */
    long bitFlips();

    /** @return true when the disk has flipped at least one stored bit in this run */
    default boolean bitFlipsInjected() {
        return bitFlips() > 0;
    }

    /**
     * @param path        a file
     * @param beforeOffset only flips at offsets below this count
     * @param sinceNanos  only flips at or after this simulated time count
     * @return true when the disk flipped a stored bit of {@code path} below {@code beforeOffset} at or after
     *         {@code sinceNanos}: what can excuse the loss of data written there before that time (the default,
     *         for an oracle that does not know where it flipped, is any flip at all)
     */
    default boolean bitFlipped(String path, long beforeOffset, long sinceNanos) {
        return bitFlipsInjected();
    }

    /**
     * @param path       a file
     * @param fromOffset only flips at offsets at or above this
     * @param toOffset   only flips at offsets below this
     * @param sinceNanos only flips at or after this simulated time
     * @return true when the disk flipped a stored bit of {@code path} in {@code [fromOffset, toOffset)} at or after
     *         {@code sinceNanos}: what explains a checksum failure of the bytes read there (the default, for an oracle
     *         that knows only {@link #bitFlipped}, is any flip below {@code toOffset})
     */
    default boolean bitFlippedIn(String path, long fromOffset, long toOffset, long sinceNanos) {
        return bitFlipped(path, toOffset, sinceNanos);
    }

    /**
     * @return true once the run injects no more faults (its fault window ended, or it never had faults): from then
     *         on every engine refusal has to clear up, so a workload may require progress (checkpoints succeed again,
     *         commits are made). The default, for an oracle that cannot tell, is false: faults may go on
     */
    default boolean faultsStopped() {
        return false;
    }
}
