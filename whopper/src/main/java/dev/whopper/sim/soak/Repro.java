package dev.whopper.sim.soak;

import dev.whopper.sim.BuildInfo;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.config.RunConfig;
import dev.whopper.sim.trace.DecisionLog;
import java.util.List;
import java.util.Objects;

/**
 * A failure's {@code repro.json}: the run's configuration (as {@code whopper run} arguments, seed included),
 * the decision log when the run is a replay of one (a shrunk failure), and what the run gave, so
 * {@code whopper replay FILE} can rerun it and check it gives the same trace hash.
 *
 * @param format     {@value #FORMAT}
 * @param whopper    the build that wrote it ({@link BuildInfo#describe()})
 * @param command    the command line that reruns it
 * @param runOptions the {@code whopper run} arguments of its configuration ({@link RunConfig#toArgs()})
 * @param seed       the seed
 * @param decisions  the decision log to replay ({@link DecisionLog#toText()}), or {@code null}: a plain run of
 *                   the seed
 * @param outcome    what the run gave
 */
public record Repro(int format, String whopper, String command, List<String> runOptions, long seed, String decisions,
                    Outcome outcome) {
    /** The file format's version. */
    public static final int FORMAT = 1;

    public Repro {
        if (format != FORMAT) {
            throw new IllegalArgumentException("format: " + format + " (expected: " + FORMAT + ")");
        }
        Objects.requireNonNull(runOptions, "runOptions");
        Objects.requireNonNull(outcome, "outcome");
        runOptions = List.copyOf(runOptions);
    }

    /**
     * What a run gave.
     *
     * @param kind      the outcome kind
     * @param signature the failure's signature ({@code null} for a pass)
     * @param detail    the outcome line of {@link RunResult#describe()}
     * @param traceHash the trace hash, 16 hex digits
     * @param steps     steps
     */
    public record Outcome(String kind, String signature, String detail, String traceHash, long steps) {
        public Outcome {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(traceHash, "traceHash");
        }

        /**
         * @param r a run
         * @return what it gave
         */
        public static Outcome of(RunResult r) {
            return new Outcome(r.kind().name(), Signature.of(r.outcome()), r.describe().lines().findFirst().orElse(""),
                r.traceHashHex(), r.counters().steps());
        }
    }

    /**
     * @param config  the run's configuration
     * @param log     its decision log, or {@code null}
     * @param logFile where the log is written as {@code whopper run --replay} reads it ({@code null} without a log)
     * @param r       what it gave
     * @return the repro
     */
    public static Repro of(RunConfig config, DecisionLog log, String logFile, RunResult r) {
        String command = config.commandLine() + (log == null ? "" : " --replay " + logFile);
        return new Repro(FORMAT, BuildInfo.describe(), command, config.toArgs(), config.seed(),
            log == null ? null : log.toText(), Outcome.of(r));
    }

    /**
     * @return the configuration
     * @throws IllegalArgumentException when the run options are not valid ones (one line)
     */
    public RunConfig config() {
        RunConfig c = RunConfig.parse(runOptions.toArray(new String[0]));
        if (c.seed() != seed) {
            throw new IllegalArgumentException("seed: " + seed + " (expected: the --seed of runOptions, " + c.seed() + ")");
        }
        return c;
    }

    /**
     * @return the decision log, or {@code null}
     * @throws IllegalArgumentException when it is not one
     */
    public DecisionLog log() {
        return decisions == null ? null : DecisionLog.parse(decisions);
    }

    /** @return the run again: a replay of the log when there is one, else a run of the seed */
    public RunResult rerun() {
        Simulation<?> sim = config().simulation();
        DecisionLog log = log();
        return log == null ? sim.run() : sim.replay(log);
    }
}
