package dev.whopper.sim.io;

/**
 * What a power loss ({@link SimIO#crash(CrashOptions)}) does to the unsynced operations of each file:
 * the writes and truncations that completed but were not made durable by a sync. Every decision is
 * drawn from the SimIO's fault stream.
 *
 * @param keepProbability chance, in {@code [0, 1]}, that one unsynced write or truncation reached the
 *                        platter anyway (applied in completion order on top of the durable image)
 * @param tearOne         when true, one unsynced write spanning at least two sectors (chosen uniformly
 *                        over all files) is torn: a random non-empty proper subset of its sectors survives,
 *                        whatever {@code keepProbability} decided for it
 */
public record CrashOptions(double keepProbability, boolean tearOne) {
    public CrashOptions {
        FaultConfig.checkRate("keepProbability", keepProbability);
    }

    /** @return every unsynced operation is lost: files revert to their durable images */
    public static CrashOptions dropUnsynced() {
        return new CrashOptions(0, false);
    }

    /** @return each unsynced operation survives with probability 1/2 and one write is torn */
    public static CrashOptions keepSomeAndTear() {
        return new CrashOptions(0.5, true);
    }
}
