package dev.whopper.sim.soak;

import dev.whopper.sim.config.RunConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Helpers of the soak tests. */
final class Soaks {
    private Soaks() { }

    static RunConfig config(String... runOptions) {
        List<String> a = new ArrayList<>(List.of(runOptions));
        a.add("--seed");
        a.add("0");
        return RunConfig.parse(a.toArray(new String[0]));
    }

    static SoakOptions options(Path dir, RunConfig run, long seeds, int jobs, Shard shard) {
        return new SoakOptions(run, new SeedPlan(run.seed(), seeds, shard), jobs, 0, false, false, 50, dir);
    }

    static SoakSummary soak(Path dir, RunConfig run, long seeds, int jobs, Shard shard) throws IOException {
        return new SoakRunner(options(dir, run, seeds, jobs, shard), Progress.Listener.NONE).start();
    }

    /** @return index -> trace hash of every record in the ledger, failing on an index recorded twice */
    static TreeMap<Long, String> hashes(Path dir) throws IOException {
        TreeMap<Long, String> m = new TreeMap<>();
        for (Ledger.Chunk c : Ledger.load(Ledger.dirOf(dir))) {
            for (SeedRecord r : c.records()) {
                String was = m.put(r.index(), r.traceHash());
                if (was != null) {
                    throw new AssertionError("seed index " + r.index() + " is in the ledger twice");
                }
            }
        }
        return m;
    }
}
