package dev.whopper.bench.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.config.RunConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The fast subset of the mutant scoreboard, in {@code mvn verify}: every patch under {@code mutants/} still
 * applies to the engine's current sources and compiles, and each pinned run of a mutant (its header's
 * {@code # pinned:} lines) ends, in a child JVM with the mutated classes first on the class path, in the
 * failure it names; the unmutated engine passes the same runs. A change to the simulator or a workload that
 * blinds it to one of these known bugs fails here.
 */
class MutantPinnedSeedsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target/mutants-test").toAbsolutePath();

    @Test
    void thereAreAtLeastSeventeenMutantsAndMostArePinned() throws IOException {
        List<Mutant> all = Mutant.all(ROOT);
        assertTrue(all.size() >= 17, "mutants: " + all.size());
        long pinned = all.stream().filter(m -> !m.pinned().isEmpty()).count();
        assertTrue(pinned >= all.size() - 1, pinned + " of " + all.size() + " mutants have pinned runs");
    }

    @TestFactory
    Stream<DynamicTest> everyMutantAppliesCompilesAndIsFoundByItsPinnedRuns() throws IOException {
        List<Path> classPath = MutantBuild.currentClassPath();
        return Mutant.all(ROOT).stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> {
            MutantBuild.Built b = MutantBuild.build(ROOT, m, WORK, classPath);
            assertFalse(b.classNames().isEmpty(), "no class compiled");
            for (Mutant.Pinned p : m.pinned()) {
                RunResult clean = RunConfig.parse(p.args().toArray(new String[0])).simulation().run();
                assertFalse(clean.failed(), "the unmutated engine fails the pinned run " + p.args() + ":\n" + clean.describe());
                MutantRunner.Result r = runMutant(b, classPath, p);
                assertEquals(p.failureKey(), r.failureKey(), m.name() + " under " + p.args() + ": " + r.detail());
            }
        }));
    }

    /** Runs one pinned run in a child JVM with the mutant's classes first on the class path. */
    private static MutantRunner.Result runMutant(MutantBuild.Built b, List<Path> classPath, Mutant.Pinned p)
        throws IOException, InterruptedException {
        String seed = null;
        String strategy = RunConfig.DEFAULT_STRATEGY;
        List<String> arm = new ArrayList<>();
        for (int i = 0; i < p.args().size(); i++) {
            String a = p.args().get(i);
            if (a.equals("--seed")) {
                seed = p.args().get(++i);
            } else if (a.equals("--strategy")) {
                strategy = p.args().get(++i);
            } else {
                arm.add(a);
            }
        }
        assertTrue(seed != null, "pinned run without --seed: " + p.args());
        List<String> cmd = List.of(MutantScoreboard.javaBinary(), "-cp", MutantScoreboard.classPathWith(b.classes(), classPath),
            MutantRunner.class.getName(), "--strategies", strategy, "--seeds", "1", "--first-seed", seed,
            "--arm", String.join(" ", arm), "--classes", b.classes().toString(), String.join(",", b.classNames()));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "the mutant's JVM did not finish");
        assertEquals(0, proc.exitValue(), out);
        for (String line : out.split("\n")) {
            if (line.startsWith("RESULT\t")) {
                return MutantRunner.Result.parse(line);
            }
        }
        throw new AssertionError("no RESULT line from the mutant's JVM:\n" + out);
    }
}
