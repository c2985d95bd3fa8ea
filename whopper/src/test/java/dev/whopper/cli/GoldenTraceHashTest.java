package dev.whopper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The trace hashes of a matrix of command lines (every built-in workload, every strategy, fault modes and
 * crashes) pinned in {@code golden/trace-hashes.txt}: a restructure must keep each one, and a change of
 * semantics that moves one must re-pin it and say why in its commit. Command lines, not API calls, so the
 * pins survive any move of the classes behind them.
 *
 * <p>To re-pin after a deliberate change: {@code mvn -B verify -pl whopper -am -Dtest=GoldenTraceHashTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.write=true}, then review the diff of the file.
 */
class GoldenTraceHashTest {
    private static final Pattern HASH = Pattern.compile("(?m)^trace hash: ([0-9a-f]{16})$");
    private static final Pattern OUTCOME = Pattern.compile("(?m)^outcome: ([A-Z_]+)");
    private static final String RESOURCE = "/golden/trace-hashes.txt";

    /** @return every pinned command line, in a stable order */
    static List<String> commandLines() {
        List<String> lines = new ArrayList<>();
        String[] strategies = {"random", "rr", "pct:3", "pos", "swarm"};
        String[] kernels = {"reentrant-counter", "lost-update", "check-then-act", "lock-order", "missed-wakeup",
            "pct-order"};
        for (String k : kernels) {
            for (String twin : new String[] {k, k + "-fixed"}) {
                for (String s : strategies) {
                    for (int seed = 1; seed <= 2; seed++) {
                        lines.add("run --seed " + seed + " --workload " + twin + " --connections 3 --steps 2000 --strategy " + s);
                    }
                }
            }
        }
        for (String w : new String[] {"bank", "bank-non-atomic", "bank-early-ack"}) {
            for (String s : strategies) {
                lines.add("run --seed 3 --workload " + w + " --connections 4 --steps 20000 --strategy " + s);
            }
        }
        for (String f : new String[] {"fast", "chaos", "ragnarok", "recovery-heavy"}) {
            for (String s : new String[] {"random", "pct:2", "swarm"}) {
                lines.add("run --seed 5 --workload bank --connections 6 --steps 30000 --strategy " + s + " --faults " + f
                    + " --crashes 2 --fault-window-nanos 20000000 --liveness-timeout-nanos 500000000");
            }
        }
        lines.add("run --seed 9 --workload bank-early-ack --connections 4 --steps 30000 --faults chaos --crashes 3");
        lines.add("run --seed 11 --workload bank --connections 16 --steps 40000 --strategy pos --yield-rate 0.3 --yield-cap 8");
        lines.add("run --seed 12 --workload bank --connections 3 --steps 40000 --faults chaos --faults-off bit-flip,latency-spike");
        lines.add("run --seed 13 --workload bank --connections 2 --steps 40000 --step-cost-nanos 250 --crashes 1 --crash-window-steps 400");
        for (String f : new String[] {"none", "chaos", "ragnarok"}) {
            for (String s : strategies) {
                lines.add("run --seed 21 --workload disk-echo --connections 4 --steps 20000 --strategy " + s + " --faults " + f
                    + " --crashes 1");
            }
        }
        lines.add("run --seed 1"); // the README's main job with its defaults
        lines.add("run --seed 2 --faults chaos --crashes 2");
        lines.add("run --seed 4 --workload lost-update --connections 4 --steps 5000 --shrink --shrink-runs 60 --replay-dir target/golden-replays");
        return lines;
    }

    private static String run(String line) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(line.split(" "));
        String text = out.toString();
        Matcher h = HASH.matcher(text);
        Matcher o = OUTCOME.matcher(text);
        if (!h.find() || !o.find()) {
            return "exit " + exit + " (no outcome: " + err.toString().strip() + ")";
        }
        StringBuilder sb = new StringBuilder().append(o.group(1)).append(' ').append(h.group(1));
        while (h.find()) {
            sb.append(' ').append(h.group(1)); // a shrunk run prints its own hash too
        }
        Matcher m = Pattern.compile("(?m)^minimal trace hash: ([0-9a-f]{16})$").matcher(text);
        if (m.find()) {
            sb.append(" min ").append(m.group(1));
        }
        return sb.append(" exit ").append(exit).toString();
    }

    private static Map<String, String> pinned() throws IOException {
        return dev.whopper.sim.PinFile.read(RESOURCE);
    }

    @Test
    void everyPinnedCommandLineKeepsItsOutcomeAndTraceHash() throws IOException {
        List<String> lines = commandLines();
        StringBuilder actual = new StringBuilder("# command line => outcome, trace hash(es), exit code\n");
        Map<String, String> results = new LinkedHashMap<>();
        for (String l : lines) {
            String r = run(l);
            results.put(l, r);
            actual.append(l).append(" => ").append(r).append('\n');
        }
        if (Boolean.getBoolean("golden.write")) {
            Path file = Path.of("src/test/resources" + RESOURCE);
            Files.writeString(file, actual.toString());
            return;
        }
        Map<String, String> pinned = pinned();
        assertEquals(pinned.keySet(), results.keySet(), "the pinned command lines changed");
        List<String> differences = new ArrayList<>();
        for (String l : lines) {
            if (!pinned.get(l).equals(results.get(l))) {
                differences.add(l + "\n   pinned " + pinned.get(l) + "\n   now    " + results.get(l));
            }
        }
        assertEquals("", String.join("\n", differences), differences.size() + " of " + lines.size() + " changed");
    }
}
