package dev.whopper.sim.soak;

import dev.whopper.reports.model.RunReport;
import dev.whopper.reports.render.HtmlReport;
import dev.whopper.sim.Observation;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.config.RunConfig;
import dev.whopper.sim.report.LastEvents;
import dev.whopper.sim.report.RunReports;
import dev.whopper.sim.shrink.Shrinker;
import dev.whopper.sim.trace.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one failure's directory, {@code failures/seed-<seed>/}: {@code repro.json} ({@link Repro}),
 * {@code command.txt} (the exact command), {@code report.html} (the run's HTML report), {@code report.txt} (its
 * text) and {@code trace-tail.txt}
 * (its last events); with shrinking, {@code shrunk/} holds the same for the minimal run plus its decision log
 * ({@code decisions.replay}, as {@code whopper run --replay} reads it). The directory is filled under a
 * temporary name and renamed, so it is there whole or not at all.
 */
public final class FailureWriter {
    /** The failures' directory in a soak directory. */
    public static final String FAILURES = "failures";

    private final Path soakDir;
    private final boolean shrink;
    private final int shrinkRuns;

    /**
     * @param soakDir    the soak directory
     * @param shrink     shrink each failure
     * @param shrinkRuns the run budget of a shrink
     */
    public FailureWriter(Path soakDir, boolean shrink, int shrinkRuns) {
        this.soakDir = soakDir;
        this.shrink = shrink;
        this.shrinkRuns = shrinkRuns;
    }

    /** What was written. @param dir the directory, relative to the soak directory @param minimalSteps shrunk steps or -1 @param command the repro command */
    public record Written(String dir, long minimalSteps, String command) { }

    /**
     * @param sim the failing seed's simulation
     * @param r   its failing run
     * @return what was written
     * @throws IOException when it cannot be written
     */
    public Written write(Simulation<?> sim, RunResult r) throws IOException {
        String rel = FAILURES + "/seed-" + r.seed();
        Path parent = soakDir.resolve(FAILURES);
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, AtomicFiles.TEMP_PREFIX + "seed-" + r.seed() + "-");
        RunConfig config = sim.config();
        files(tmp, config, null, null, r);
        htmlReport(tmp, config, sim, null, null);
        long minimalSteps = -1;
        String command = config.commandLine();
        if (shrink && r.kind() != dev.whopper.sim.Outcome.Kind.INTERNAL_ERROR) {
            Simulation<?> recording = sim.withRecordDecisions(true);
            RunResult withLog = recording.run();
            Shrinker.Result s = new Shrinker(shrinkRuns).shrink(recording, withLog);
            Path shrunk = tmp.resolve("shrunk");
            Files.createDirectories(shrunk);
            String logFile = soakDir.toAbsolutePath().normalize().resolve(rel).resolve("shrunk").resolve("decisions.replay").toString();
            files(shrunk, s.simulation().config(), s, logFile, s.minimized());
            htmlReport(shrunk, s.simulation().config(), s.simulation(), s, s.simulation().config().commandLine() + " --replay "
                + logFile);
            minimalSteps = s.minimized().counters().steps();
            command = s.simulation().config().commandLine() + " --replay " + logFile;
        }
        AtomicFiles.publishDirectory(tmp, soakDir.resolve(rel));
        return new Written(rel, minimalSteps, command);
    }

    /**
     * Writes {@code report.html}, the run's HTML report ({@link HtmlReport}): the run again, watched for its last
     * events (watching changes nothing in a run: the same trace hash).
     *
     * @param dir    the directory
     * @param config the run's configuration
     * @param sim    its simulation
     * @param s      the shrink whose minimal run it is (replayed from its log), or {@code null}
     * @param repro  the shrunk run's repro command, or {@code null}
     * @throws IOException when it cannot be written
     */
    public static void htmlReport(Path dir, RunConfig config, Simulation<?> sim, Shrinker.Result s, String repro)
        throws IOException {
        LastEvents events = new LastEvents();
        Observation watch = new Observation(events, false, null);
        long t0 = System.nanoTime();
        RunResult watched = s == null ? sim.run(watch) : sim.replay(s.log(), watch);
        RunReport report = RunReports.of(watched, config, events, System.nanoTime() - t0);
        if (s != null) {
            report = RunReports.shrunk(report, s, repro);
        }
        AtomicFiles.write(dir.resolve("report.html"), HtmlReport.render(report));
    }

    /**
     * Writes a run's files into {@code dir}: {@code repro.json}, {@code command.txt}, {@code report.txt},
     * {@code trace-tail.txt}, and for a shrunk run its {@code decisions.replay}.
     *
     * @param dir     the directory
     * @param config  the run's configuration
     * @param s       the shrink that gave the run, or {@code null}
     * @param logFile where the decision log is ({@code null} without a shrink)
     * @param r       the run
     * @throws IOException when a file cannot be written
     */
    public static void files(Path dir, RunConfig config, Shrinker.Result s, String logFile, RunResult r) throws IOException {
        Repro repro = Repro.of(config, s == null ? null : s.log(), logFile, r);
        AtomicFiles.write(dir.resolve("repro.json"), Json.text(repro));
        AtomicFiles.write(dir.resolve("command.txt"), repro.command() + "\n");
        String report = r.describe();
        if (s != null) {
            report = s.describe(repro.command()) + report;
            AtomicFiles.write(dir.resolve("decisions.replay"), s.log().toText() + "\n");
        }
        AtomicFiles.write(dir.resolve("report.txt"), report);
        StringBuilder tail = new StringBuilder();
        if (!r.eventsComplete()) {
            tail.append("# the last ").append(r.lastEvents().size()).append(" of ").append(r.eventsWritten()).append(" events\n");
        }
        for (Event e : r.lastEvents()) {
            tail.append(e).append('\n');
        }
        AtomicFiles.write(dir.resolve("trace-tail.txt"), tail.toString());
    }
}
