package dev.whopper.sim.soak;

/**
 * Where a soak stands, as the collector sees it.
 *
 * @param seedsDone      seeds in the soak so far (over all sessions)
 * @param seedsTotal     seeds the soak runs in all, or -1 when it runs until its duration is up
 * @param failures       failed seeds so far
 * @param signatures     distinct failure signatures so far
 * @param elapsedMillis  wall-clock time over all sessions
 * @param seedsPerSecond seeds per second in this session
 * @param etaMillis      wall-clock time left, estimated (-1: unknown yet)
 */
public record Progress(long seedsDone, long seedsTotal, long failures, int signatures, long elapsedMillis,
                       double seedsPerSecond, long etaMillis) {
    /** @return the fraction done, in [0, 1], or -1 when unknown */
    public double fraction() {
        return seedsTotal > 0 ? Math.min(1.0, seedsDone / (double) seedsTotal) : -1;
    }

    /** @return one line: {@code 1,200/5,000 seeds, 312.5 seeds/s, 3 failures (1 signature), elapsed 3.8 s, ETA 12.2 s} */
    public String line() {
        return String.format(java.util.Locale.ROOT, "%,d%s seeds, %.1f seeds/s, %,d failure%s (%d signature%s), elapsed %s, ETA %s",
            seedsDone, seedsTotal >= 0 ? String.format(java.util.Locale.ROOT, "/%,d", seedsTotal) : "", seedsPerSecond, failures,
            failures == 1 ? "" : "s", signatures, signatures == 1 ? "" : "s", duration(elapsedMillis),
            etaMillis < 0 ? "?" : duration(etaMillis));
    }

    /**
     * @param millis a duration
     * @return it for a person: {@code 850 ms}, {@code 12.3 s}, {@code 4m05s}, {@code 2h03m}
     */
    public static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = millis / 1000;
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /** Told where a soak stands, from the collector thread. */
    public interface Listener {
        /** @param p the soak's progress, about once per {@link SoakRunner#PROGRESS_MILLIS} */
        void progress(Progress p);

        /** @param r a failed seed, as soon as it is in the collector */
        default void failure(SeedRecord r) { }

        /** Listens to nothing. */
        Listener NONE = p -> { };
    }
}
