package dev.whopper.sim.soak;

import dev.whopper.sim.trace.TraceHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Sums seed records (or merged results) into a {@link SoakSummary.Result}. Everything it keeps is
 * order-independent: counts and sums, minimums, an additive digest, histograms.
 */
public final class SummaryAccumulator {
    private long seeds;
    private final TreeMap<String, Long> byKind = new TreeMap<>();
    private long failures;
    private final TreeMap<String, FailureGroup> groups = new TreeMap<>();
    private long steps;
    private long simulatedNanos;
    private long ops;
    private long digest;
    private final Histogram simulated = Histograms.create();
    private final Histogram wall = Histograms.create();
    private final CoverageSummary coverage = new CoverageSummary();

    /**
     * Takes a freshly run seed: works out which coverage items it sees first and adds it.
     *
     * @param r     the seed's record (its {@code newCoverage} is ignored)
     * @param items all its coverage items
     * @return the record with {@code newCoverage} set, as the ledger keeps it
     */
    public SeedRecord take(SeedRecord r, Iterable<String> items) {
        SeedRecord withFirsts = r.withNewCoverage(coverage.add(r.index(), items));
        count(withFirsts);
        return withFirsts;
    }

    /** @param r a record from the ledger, whose {@code newCoverage} is what it saw first */
    public void add(SeedRecord r) {
        coverage.add(r.index(), r.newCoverage());
        count(r);
    }

    private void count(SeedRecord r) {
        seeds++;
        byKind.merge(r.kind(), 1L, Long::sum);
        if (r.failed()) {
            failures++;
            FailureGroup g = FailureGroup.of(r);
            groups.merge(g.signature(), g, FailureGroup::merge);
        }
        steps += r.steps();
        simulatedNanos += r.simulatedNanos();
        ops += r.ops();
        digest += TraceHash.mix(TraceHash.mix(0x5eed, r.seed()), Long.parseUnsignedLong(r.traceHash(), 16));
        Histograms.record(simulated, r.simulatedNanos());
        Histograms.record(wall, r.wallNanos());
    }

    /** @param r a result of a disjoint set of seeds */
    public void merge(SoakSummary.Result r) {
        seeds += r.seeds();
        r.byKind().forEach((k, v) -> byKind.merge(k, v, Long::sum));
        failures += r.failures();
        for (FailureGroup g : r.groups()) {
            groups.merge(g.signature(), g, FailureGroup::merge);
        }
        steps += r.steps();
        simulatedNanos += r.simulatedNanos();
        ops += r.ops();
        digest += Long.parseUnsignedLong(r.digest(), 16);
        simulated.add(Histograms.decode(r.simulatedHistogram()));
        coverage.merge(r.coverage().firstIndex());
    }

    /** @return seeds taken */
    public long seeds() {
        return seeds;
    }

    /** @return failed seeds taken */
    public long failures() {
        return failures;
    }

    /** @return distinct failure signatures */
    public int signatures() {
        return groups.size();
    }

    /** @return the per-seed wall-clock histogram (of this accumulator's own records) */
    public Histogram wall() {
        return wall;
    }

    /**
     * @param firstSeed the soak's seed of index 0
     * @return the result
     */
    public SoakSummary.Result result(long firstSeed) {
        List<FailureGroup> g = new ArrayList<>(groups.values());
        g.sort(Comparator.comparingLong(FailureGroup::count).reversed().thenComparing(FailureGroup::signature));
        return new SoakSummary.Result(seeds, byKind, failures, g, steps, simulatedNanos, ops, TraceHash.hex(digest),
            SoakSummary.Percentiles.of(simulated), Histograms.encode(simulated), coverage.result(firstSeed));
    }
}
