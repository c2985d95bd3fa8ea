package dev.whopper.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.whopper.sim.config.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins, for the engine workloads that share the {@code dbclient} skeleton ({@code kv-model}, {@code counter},
 * {@code mixed}, {@code checkpoint-storm}, {@code btree-churn}), the outcome kind, trace hash, run counters and
 * workload counters of seeds 1..8 without faults and under chaos with two crashes, in
 * {@code pins/engine-workloads.txt}. A refactor of the skeleton must keep every line; a deliberate change of
 * behaviour re-pins with {@code -Dpins.write=true} (run from the whopper module) and says why in its commit.
 */
class EngineWorkloadPinsTest {
    private static final String RESOURCE = "/pins/engine-workloads.txt";

    /** @return every pinned command line, in a stable order */
    static List<String> commandLines() {
        List<String> lines = new ArrayList<>();
        String[] workloads = {"kv-model", "counter", "mixed", "checkpoint-storm", "btree-churn"};
        String[] faults = {"--faults none", "--faults chaos --crashes 2"};
        for (String w : workloads) {
            for (String f : faults) {
                for (int seed = 1; seed <= 8; seed++) {
                    lines.add("--seed " + seed + " --workload " + w + " --connections 4 --steps 20000 " + f);
                }
            }
        }
        return lines;
    }

    private static String run(String line) {
        RunResult r = RunConfig.parse(line.split(" ")).simulation().run();
        Counters c = r.counters();
        return r.kind() + " " + r.traceHashHex() + " steps=" + c.steps() + " time=" + c.timeNanos() + " decisions="
            + c.decisions() + " ops=" + c.opsByKind() + " failed=" + c.opsFailed() + " workload=" + r.workloadCounters();
    }

    private static Map<String, String> pinned() throws IOException {
        return dev.whopper.sim.PinFile.read(RESOURCE);
    }

    @Test
    void everyEngineWorkloadRunKeepsItsOutcomeTraceHashAndCounters() throws IOException {
        List<String> lines = commandLines();
        StringBuilder actual = new StringBuilder("# run options => outcome kind, trace hash, run counters, workload counters\n");
        Map<String, String> results = new LinkedHashMap<>();
        for (String l : lines) {
            String r = run(l);
            results.put(l, r);
            actual.append(l).append(" => ").append(r).append('\n');
        }
        if (Boolean.getBoolean("pins.write")) {
            Files.writeString(Path.of("src/test/resources" + RESOURCE), actual.toString());
            return;
        }
        Map<String, String> pinned = pinned();
        assertEquals(pinned.keySet(), results.keySet(), "the pinned run options changed");
        List<String> differences = new ArrayList<>();
        for (String l : lines) {
            if (!pinned.get(l).equals(results.get(l))) {
                differences.add(l + "\n   pinned " + pinned.get(l) + "\n   now    " + results.get(l));
            }
        }
        assertEquals("", String.join("\n", differences), differences.size() + " of " + lines.size() + " changed");
    }
}
