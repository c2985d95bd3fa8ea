package dev.whopper.sim.io;

import java.util.EnumMap;

/** The running counters of one {@link SimIO}; {@link #snapshot()} turns them into {@link SimIOStats}. */
final class SimIOCounters {
    private static final int SUBMITTED = 0;
    private static final int COMPLETED = 1;
    private static final int FAILED = 2;
    private static final int ABANDONED = 3;

    private final EnumMap<RequestKind, long[]> requests = new EnumMap<>(RequestKind.class);
    private final EnumMap<FaultKind, Long> faults = new EnumMap<>(FaultKind.class);
    private long bytesRead;
    private long bytesWritten;
    private long crashes;

    SimIOCounters() {
        for (RequestKind k : RequestKind.values()) {
            requests.put(k, new long[4]);
        }
        for (FaultKind k : FaultKind.values()) {
            faults.put(k, 0L);
        }
    }

    void submitted(RequestKind kind) {
        requests.get(kind)[SUBMITTED]++;
    }

    void completed(RequestKind kind) {
        requests.get(kind)[COMPLETED]++;
    }

    void failed(RequestKind kind) {
        requests.get(kind)[FAILED]++;
    }

    void abandoned(RequestKind kind, long n) {
        requests.get(kind)[ABANDONED] += n;
    }

    void fault(FaultKind kind) {
        faults.merge(kind, 1L, Long::sum);
    }

    void read(long bytes) {
        bytesRead += bytes;
    }

    void written(long bytes) {
        bytesWritten += bytes;
    }

    void crashed() {
        crashes++;
    }

    SimIOStats snapshot() {
        EnumMap<RequestKind, SimIOStats.RequestCounts> counts = new EnumMap<>(RequestKind.class);
        requests.forEach((k, c) -> counts.put(k, new SimIOStats.RequestCounts(c[SUBMITTED], c[COMPLETED], c[FAILED],
            c[ABANDONED])));
        return new SimIOStats(counts, new SimIOStats.FaultCounts(faults), bytesRead, bytesWritten, crashes);
    }
}
