package dev.whopper.sim.config;

import dev.whopper.sim.Simulation;
import dev.whopper.sim.io.FaultKind;
import dev.whopper.sim.strategy.StrategySpec;
import dev.whopper.workloads.registry.WorkloadRegistry;
import dev.whopper.workloads.spi.Workload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Every option of a command-line run, with its default and its check, in one place: the CLI parses into it
 * ({@link #parse}, {@link Options}), a run is built from it ({@link #simulation()}), and the repro line is
 * printed from it ({@link #toArgs()}), so the three can never disagree: {@code parse(toArgs(c)).equals(c)}.
 *
 * <p>Names are matched the same way everywhere: workload, strategy, fault mode and fault kinds are
 * case-insensitive ({@code CHAOS} is {@code chaos}) and stored in their canonical spelling.
 *
 * @param seed                 the root seed
 * @param workload             a built-in workload's name ({@link WorkloadRegistry})
 * @param connections          simulated connections (fibers), &gt;= the workload's minimum
 * @param steps                the step budget, &gt; 0
 * @param strategy             the strategy (not replay: a decision log is replayed with its original strategy)
 * @param yieldRate            the yield-injection rate, in [0, 1]
 * @param yieldCap             injected yields per operation at most, &gt;= 0
 * @param stepCostNanos        simulated CPU time per step, in [0, {@value #MAX_STEP_COST_NANOS}]
 * @param faults               the fault mode ({@link Simulation#FAULT_MODES})
 * @param faultsOff            fault kinds switched off
 * @param faultWindowNanos     faults stop at this simulated time, &gt; 0 ({@link Long#MAX_VALUE}: never)
 * @param crashes              planned crashes, &gt;= 0 (more than 0 only for a workload with crash recovery)
 * @param crashWindowSteps     crashes are drawn from steps [1, this), &gt; 0; 0: over the run's real length
 * @param livenessTimeoutNanos an operation running longer than this after faults stop fails the run; 0: off
 * @param allowIncomplete      true when the step budget is meant to cut the run (else reaching it with fibers
 *                             not done is INCOMPLETE, a failure)
 * @param mode                 the run mode ({@link RunMode}) whose defaults the workload, fault mode, steps and crashes
 *                             were taken from when not given; printed in the repro line, with the options that
 *                             differ from it
 * @param drawn                the choices the {@code campaign} mode drew from the seed because they were not given
 *                             ({@link CampaignDraw}): not printed by {@link #toArgs()}, drawn again by
 *                             {@link #withSeed}; empty in every other mode, and in a configuration whose values are
 *                             all explicit (as {@link Simulation#config()} gives)
 */
public record RunConfig(long seed, String workload, int connections, long steps, StrategySpec strategy, double yieldRate,
                        int yieldCap, long stepCostNanos, String faults, Set<FaultKind> faultsOff, long faultWindowNanos,
                        int crashes, long crashWindowSteps, long livenessTimeoutNanos, boolean allowIncomplete,
                        String mode, Set<CampaignDraw.Choice> drawn) {
    /** Default workload. */
    public static final String DEFAULT_WORKLOAD = "bank";
    /** Default connections. */
    public static final int DEFAULT_CONNECTIONS = 8;
    /** Default step budget. */
    public static final long DEFAULT_STEPS = 100_000;
    /** Default strategy. */
    public static final String DEFAULT_STRATEGY = "random";
    /** Default yield-injection rate. */
    public static final double DEFAULT_YIELD_RATE = Simulation.Builder.DEFAULT_YIELD_RATE;
    /** Default cap of injected yields per operation. */
    public static final int DEFAULT_YIELD_CAP = Simulation.Builder.DEFAULT_YIELD_CAP;
    /** Default simulated CPU time per step. */
    public static final long DEFAULT_STEP_COST_NANOS = 1_000;
    /** Largest step cost: a run of {@code Long.MAX_VALUE / this} steps cannot overflow the clock (about 292 years at 1 s). */
    public static final long MAX_STEP_COST_NANOS = 1_000_000_000L;
    /** Default fault mode. */
    public static final String DEFAULT_FAULTS = "none";
    /** Default run mode: exactly the defaults above. */
    public static final String DEFAULT_MODE = "fast";
    /** The mode of {@code whopper soak} without {@code --mode} or {@code --workload}: each seed draws its configuration. */
    public static final String SOAK_DEFAULT_MODE = "campaign";
    /** Default span of steps crashes are drawn in. */
    public static final long DEFAULT_CRASH_WINDOW_STEPS = Simulation.Builder.DEFAULT_CRASH_WINDOW_STEPS;
    /** The default fault window: faults stop at two thirds of the run (see {@link Simulation.Builder#faultWindowNanos}). */
    public static final long DEFAULT_FAULT_WINDOW = Simulation.Builder.FAULT_WINDOW_AUTO;
    /** Default liveness timeout. */
    public static final long DEFAULT_LIVENESS_TIMEOUT_NANOS = Simulation.Builder.DEFAULT_LIVENESS_TIMEOUT_NANOS;

    public RunConfig {
        Objects.requireNonNull(mode, "mode");
        mode = RunMode.byName(mode).spelling();
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(faults, "faults");
        workload = canonicalWorkload(workload);
        Workload<?> w = WorkloadRegistry.byName(workload);
        check(connections > 0, "--connections", connections, "> 0");
        if (connections < w.minConnections()) {
            throw new IllegalArgumentException("--connections: " + connections + " (expected: >= " + w.minConnections()
                + " for workload " + workload + ")");
        }
        check(steps > 0, "--steps", steps, "> 0");
        if (strategy.kind() == StrategySpec.Kind.REPLAY) {
            throw new IllegalArgumentException("--strategy: replay (expected: use --replay LOG with the original strategy)");
        }
        if (!(yieldRate >= 0 && yieldRate <= 1)) {
            throw new IllegalArgumentException("--yield-rate: " + yieldRate + " (expected: in [0, 1])");
        }
        check(yieldCap >= 0, "--yield-cap", yieldCap, ">= 0");
        check(stepCostNanos >= 0 && stepCostNanos <= MAX_STEP_COST_NANOS, "--step-cost-nanos", stepCostNanos,
            "in [0, " + MAX_STEP_COST_NANOS + "]");
        faults = faults.strip().toLowerCase(Locale.ROOT);
        if (!Simulation.FAULT_MODES.contains(faults)) {
            throw new IllegalArgumentException("--faults: " + faults + " (expected: one of "
                + String.join(", ", Simulation.FAULT_MODES) + ")");
        }
        faultsOff = faultsOff.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(FaultKind.class))
            : Collections.unmodifiableSet(EnumSet.copyOf(faultsOff));
        check(faultWindowNanos >= 0, "--fault-window-nanos", faultWindowNanos, ">= 0, 0: two thirds of the run");
        check(crashes >= 0, "--crashes", crashes, ">= 0");
        if (crashes > 0 && w.crashRecovery() == null) {
            throw new IllegalArgumentException("--crashes: " + crashes + " (expected: 0 for workload " + workload
                + ": it has no crash recovery)");
        }
        check(crashWindowSteps >= 0, "--crash-window-steps", crashWindowSteps, ">= 0, 0: the run's real length");
        check(livenessTimeoutNanos >= 0, "--liveness-timeout-nanos", livenessTimeoutNanos, ">= 0");
        drawn = checkDrawn(seed, mode, workload, faults, crashes, strategy, drawn);
    }

    private static Set<CampaignDraw.Choice> checkDrawn(long seed, String mode, String workload, String faults, int crashes,
                                                      StrategySpec strategy, Set<CampaignDraw.Choice> drawn) {
        Objects.requireNonNull(drawn, "drawn");
        if (drawn.isEmpty()) {
            return Set.of();
        }
        RunMode m = RunMode.byName(mode);
        if (!m.drawsPerSeed()) {
            throw new IllegalArgumentException("drawn: " + drawn + " (expected: none in mode " + mode
                + ": only a mode that draws per seed draws choices)");
        }
        CampaignDraw.Choices d = m.defaults(seed);
        boolean ok = (!drawn.contains(CampaignDraw.Choice.WORKLOAD) || d.workload().equals(workload))
            && (!drawn.contains(CampaignDraw.Choice.FAULTS) || d.faults().equals(faults))
            && (!drawn.contains(CampaignDraw.Choice.CRASHES) || d.crashes() == crashes)
            && (!drawn.contains(CampaignDraw.Choice.STRATEGY) || StrategySpec.parse(d.strategy()).equals(strategy));
        if (!ok) {
            throw new IllegalArgumentException("drawn: " + drawn + " (expected: the values seed " + seed + " draws: " + d + ")");
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(drawn));
    }

    /**
     * @param seed the root seed
     * @return the defaults with that seed
     */
    public static RunConfig defaults(long seed) {
        return new RunConfig(seed, DEFAULT_WORKLOAD, DEFAULT_CONNECTIONS, DEFAULT_STEPS, StrategySpec.parse(DEFAULT_STRATEGY),
            DEFAULT_YIELD_RATE, DEFAULT_YIELD_CAP, DEFAULT_STEP_COST_NANOS, DEFAULT_FAULTS, Set.of(), DEFAULT_FAULT_WINDOW, 0,
            DEFAULT_CRASH_WINDOW_STEPS, DEFAULT_LIVENESS_TIMEOUT_NANOS, false, DEFAULT_MODE, Set.of());
    }

    /**
     * @param newSeed another root seed
     * @return this configuration for that seed: every choice the mode drew ({@link #drawn()}) is drawn again for it,
     *         every other option stays (so a soak of {@code --mode campaign} runs each seed's own configuration)
     */
    public RunConfig withSeed(long newSeed) {
        CampaignDraw.Choices d = drawn.isEmpty() ? null : runMode().defaults(newSeed);
        return new RunConfig(newSeed, drawn.contains(CampaignDraw.Choice.WORKLOAD) ? d.workload() : workload, connections,
            steps, drawn.contains(CampaignDraw.Choice.STRATEGY) ? StrategySpec.parse(d.strategy()) : strategy, yieldRate,
            yieldCap, stepCostNanos, drawn.contains(CampaignDraw.Choice.FAULTS) ? d.faults() : faults,
            faultsOff, faultWindowNanos, drawn.contains(CampaignDraw.Choice.CRASHES) ? d.crashes() : crashes, crashWindowSteps,
            livenessTimeoutNanos, allowIncomplete, mode, drawn);
    }

    /** @return this configuration with every drawn choice made explicit (the same run; its arguments name every value) */
    public RunConfig fixed() {
        return drawn.isEmpty() ? this : new RunConfig(seed, workload, connections, steps, strategy, yieldRate, yieldCap,
            stepCostNanos, faults, faultsOff, faultWindowNanos, crashes, crashWindowSteps, livenessTimeoutNanos, allowIncomplete,
            mode, Set.of());
    }

    /** @return the run mode whose defaults this configuration started from */
    public RunMode runMode() {
        return RunMode.byName(mode);
    }

    private static void check(boolean ok, String option, long value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(option + ": " + value + " (expected: " + expected + ")");
        }
    }

    private static String canonicalWorkload(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (!WorkloadRegistry.names().contains(n)) {
            throw new IllegalArgumentException("--workload: " + name + " (expected: one of "
                + String.join(", ", WorkloadRegistry.names()) + ")");
        }
        return n;
    }

    /**
     * @param name a fault kind as the command line spells it ({@code bit-flip}), in any case
     * @return the kind
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static FaultKind faultKind(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (FaultKind k : FaultKind.values()) {
            if (k.name().equals(n)) {
                return k;
            }
        }
        List<String> names = new ArrayList<>();
        for (FaultKind k : FaultKind.values()) {
            names.add(spelling(k));
        }
        throw new IllegalArgumentException("--faults-off: " + name + " (expected: one of " + String.join(", ", names) + ")");
    }

    /** @return a fault kind as the command line spells it, e.g. {@code bit-flip} */
    public static String spelling(FaultKind k) {
        return k.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The command-line arguments of {@code whopper run} that give this configuration: seed, workload,
     * connections and steps always, the strategy unless the mode drew it; the mode unless it is {@code fast}; every other option when it differs
     * from its default (the fault mode, the crashes and the crash window: from the mode's). In a mode that draws per
     * seed, a drawn choice is left out (the seed draws it again) and a choice given explicitly is always printed.
     *
     * @return the arguments
     */
    public List<String> toArgs() {
        RunMode m = runMode();
        List<String> a = new ArrayList<>(List.of("--seed", Long.toString(seed)));
        if (m != RunMode.FAST) {
            a.addAll(List.of("--mode", mode));
        }
        if (!drawn.contains(CampaignDraw.Choice.WORKLOAD)) {
            a.addAll(List.of("--workload", workload));
        }
        a.addAll(List.of("--connections", Integer.toString(connections), "--steps", Long.toString(steps)));
        if (!drawn.contains(CampaignDraw.Choice.STRATEGY)) {
            a.addAll(List.of("--strategy", strategy.toString()));
        }
        if (Double.compare(yieldRate, DEFAULT_YIELD_RATE) != 0) {
            a.addAll(List.of("--yield-rate", Double.toString(yieldRate)));
        }
        if (yieldCap != DEFAULT_YIELD_CAP) {
            a.addAll(List.of("--yield-cap", Integer.toString(yieldCap)));
        }
        if (stepCostNanos != DEFAULT_STEP_COST_NANOS) {
            a.addAll(List.of("--step-cost-nanos", Long.toString(stepCostNanos)));
        }
        CampaignDraw.Choices d = m.drawsPerSeed() ? null : m.defaults(seed);
        if (!drawn.contains(CampaignDraw.Choice.FAULTS) && (d == null || !faults.equals(d.faults()))) {
            a.addAll(List.of("--faults", faults));
        }
        if (!faultsOff.isEmpty()) {
            List<String> off = new ArrayList<>();
            for (FaultKind k : faultsOff) {
                off.add(spelling(k));
            }
            a.addAll(List.of("--faults-off", String.join(",", off)));
        }
        if (faultWindowNanos != DEFAULT_FAULT_WINDOW) {
            a.addAll(List.of("--fault-window-nanos", Long.toString(faultWindowNanos)));
        }
        if (!drawn.contains(CampaignDraw.Choice.CRASHES) && (d == null || crashes != d.crashes())) {
            a.addAll(List.of("--crashes", Integer.toString(crashes)));
        }
        if (crashWindowSteps != m.crashWindowSteps()) {
            a.addAll(List.of("--crash-window-steps", Long.toString(crashWindowSteps)));
        }
        if (livenessTimeoutNanos != DEFAULT_LIVENESS_TIMEOUT_NANOS) {
            a.addAll(List.of("--liveness-timeout-nanos", Long.toString(livenessTimeoutNanos)));
        }
        if (allowIncomplete) {
            a.add("--allow-incomplete");
        }
        return a;
    }

    /** @return {@code whopper run} with {@link #toArgs()}, as a repro line prints it */
    public String commandLine() {
        return "whopper run " + String.join(" ", toArgs());
    }

    /**
     * @param args {@code whopper run}'s run options (no seed: seed 0)
     * @return the configuration they give
     * @throws IllegalArgumentException with one line naming the option and the valid values
     */
    public static RunConfig parse(String... args) {
        Options o = new Options();
        try {
            new picocli.CommandLine(o).parseArgs(args);
        } catch (picocli.CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        o.environment = name -> null;
        Long seed = o.seed();
        return o.toConfig(seed == null ? 0 : seed);
    }

    /** @return a simulation of this configuration, whose repro line is {@link #commandLine()} */
    public Simulation<?> simulation() {
        Simulation.Builder<?> b = Simulation.builder(WorkloadRegistry.byName(workload), connections);
        b.seed(seed).strategy(strategy).maxSteps(steps).yieldRate(yieldRate).yieldCapPerOp(yieldCap)
            .stepCostNanos(stepCostNanos).faultsOff(faultsOff.toArray(new FaultKind[0]))
            .livenessTimeoutNanos(livenessTimeoutNanos).crashWindowSteps(crashWindowSteps).crashes(crashes)
            .allowIncomplete(allowIncomplete).mode(mode);
        if (!faults.equals(DEFAULT_FAULTS)) {
            b.faults(faults); // gives a workload without a disk one, as the command line always has
        }
        if (faultWindowNanos != DEFAULT_FAULT_WINDOW) {
            b.faultWindowNanos(faultWindowNanos);
        }
        return b.build();
    }

    /**
     * The run options as picocli fields, defaults from {@link RunConfig}'s constants: a mixin of
     * {@code whopper run} and the parser of {@link RunConfig#parse}.
     */
    @picocli.CommandLine.Command(name = "run-options")
    public static final class Options {
        @picocli.CommandLine.Option(names = "--seed",
            description = "Root seed (default: the SEED environment variable, else a random seed that is printed).")
        String seed;

        /** Where {@code SEED} is read from (the process environment; tests give their own). */
        public java.util.function.UnaryOperator<String> environment = System::getenv;

        /**
         * @return the seed: {@code --seed}, else the {@code SEED} environment variable, else {@code null} (draw one)
         * @throws IllegalArgumentException naming {@code --seed} or {@code SEED} when it is not an integer
         */
        public Long seed() {
            if (seed != null) {
                return parseSeed("--seed", seed);
            }
            String env = environment.apply("SEED");
            return env == null ? null : parseSeed("SEED", env);
        }

        private static long parseSeed(String where, String text) {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": '" + text + "' (expected: an integer seed"
                    + (where.equals("SEED") ? ", from the SEED environment variable; unset it to draw a seed)" : ")"));
            }
        }

        @picocli.CommandLine.Option(names = "--mode", paramLabel = "MODE",
            description = "Run mode: defaults for --workload, --faults, --steps, --crashes, --crash-window-steps, which override it: "
                + "fast (bank, no faults, 100000 steps, no crash), chaos (bank, chaos, 200000, 1 crash in the first "
                + "2000 steps), ragnarok (bank, ragnarok, 300000, 3 in 2000), recovery-heavy (bank, recovery-heavy, "
                + "300000, 5 in 2000), btree (btree-churn, fast, 200000, 1 in 1000), campaign (each seed draws its "
                + "workload among mixed, checkpoint-storm, btree-churn, its faults none or chaos, 0-2 crashes; 100000 "
                + "steps); also sets --crash-window-steps (default: " + DEFAULT_MODE + "; whopper soak without --workload: "
                + SOAK_DEFAULT_MODE + ").")
        String mode;

        /**
         * The mode when neither {@code --mode} nor {@code --workload} is given: {@value RunConfig#DEFAULT_MODE}, or
         * {@value RunConfig#SOAK_DEFAULT_MODE} for {@code whopper soak}. With {@code --workload} and no {@code --mode}
         * the mode is always {@value RunConfig#DEFAULT_MODE}.
         */
        public String modeWithoutOptions = DEFAULT_MODE;

        @picocli.CommandLine.Option(names = "--workload",
            description = "Built-in workload, e.g. bank, bank-non-atomic, checkpoint-storm, btree-churn, lost-update, disk-echo "
                + "(an unknown name lists them all) (default: the mode's; fast: " + DEFAULT_WORKLOAD + ").")
        String workload;

        @picocli.CommandLine.Option(names = "--connections", defaultValue = "" + DEFAULT_CONNECTIONS,
            description = "Simulated connections (fibers) (default: ${DEFAULT-VALUE}).")
        int connections;

        @picocli.CommandLine.Option(names = "--steps",
            description = "Step budget (default: the mode's; fast: " + DEFAULT_STEPS + ").")
        Long steps;

        @picocli.CommandLine.Option(names = "--strategy",
            description = "random, rr, pct, pct:D, pos or swarm (default: " + DEFAULT_STRATEGY + "; in mode campaign, drawn "
                + "per seed).")
        String strategy;

        @picocli.CommandLine.Option(names = "--yield-rate", defaultValue = "" + DEFAULT_YIELD_RATE,
            description = "Yield-injection rate in [0, 1] (default: ${DEFAULT-VALUE}).")
        double yieldRate;

        @picocli.CommandLine.Option(names = "--yield-cap", defaultValue = "" + DEFAULT_YIELD_CAP,
            description = "Injected yields per operation at most (default: ${DEFAULT-VALUE}).")
        int yieldCap;

        @picocli.CommandLine.Option(names = "--step-cost-nanos", defaultValue = "" + DEFAULT_STEP_COST_NANOS,
            description = "Simulated CPU time per step, 0.." + MAX_STEP_COST_NANOS + " (default: ${DEFAULT-VALUE}).")
        long stepCostNanos;

        @picocli.CommandLine.Option(names = "--faults", paramLabel = "MODE",
            description = "Simulated-disk fault mode: none, fast, chaos, ragnarok, recovery-heavy (default: the mode's; "
                + "fast: " + DEFAULT_FAULTS + ").")
        String faults;

        @picocli.CommandLine.Option(names = "--faults-off", paramLabel = "KIND[,KIND...]", split = ",",
            description = "Fault kinds to switch off, e.g. bit-flip,latency-spike.")
        List<String> faultsOff = new ArrayList<>();

        @picocli.CommandLine.Option(names = "--fault-window-nanos", defaultValue = "" + DEFAULT_FAULT_WINDOW,
            description = "Faults stop at this simulated time; 0: at two thirds of the simulated time the run takes with "
                + "faults all along; " + Long.MAX_VALUE + ": never (default: ${DEFAULT-VALUE}).")
        long faultWindowNanos;

        @picocli.CommandLine.Option(names = "--crashes",
            description = "Crashes per run, for workloads with crash recovery (default: the mode's; fast: 0).")
        Integer crashes;

        @picocli.CommandLine.Option(names = "--crash-window-steps",
            description = "Crashes happen at steps drawn from [1, this); 0: over the run's real length, measured by a "
                + "first run without crashes (default: the mode's; fast: " + DEFAULT_CRASH_WINDOW_STEPS + ").")
        Long crashWindowSteps;

        @picocli.CommandLine.Option(names = "--liveness-timeout-nanos", defaultValue = "" + DEFAULT_LIVENESS_TIMEOUT_NANOS,
            description = "An operation running longer than this after faults stop is a liveness failure; 0: off "
                + "(default: ${DEFAULT-VALUE}, 10 s simulated).")
        long livenessTimeoutNanos;

        @picocli.CommandLine.Option(names = "--allow-incomplete",
            description = "The step budget is meant to cut the run: reaching it with connections not done passes, with the "
                + "end-of-run checks reported skipped (default: it is INCOMPLETE, exit 1).")
        boolean allowIncomplete;

        /**
         * @param seed the seed to use (the parsed one, or one drawn by the caller)
         * @return the configuration
         * @throws IllegalArgumentException with one line naming the option and the valid values
         */
        public RunConfig toConfig(long seed) {
            RunMode m = RunMode.byName(mode != null ? mode : workload == null ? modeWithoutOptions : DEFAULT_MODE);
            CampaignDraw.Choices d = m.defaults(seed);
            StrategySpec s;
            try {
                s = StrategySpec.parse(strategy != null ? strategy : d.strategy());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--strategy: " + e.getMessage());
            }
            Set<FaultKind> off = EnumSet.noneOf(FaultKind.class);
            for (String k : faultsOff) {
                off.add(faultKind(k));
            }
            Set<CampaignDraw.Choice> drawn = EnumSet.noneOf(CampaignDraw.Choice.class);
            String w = workload == null ? d.workload() : workload;
            // A mode's crashes apply to workloads that can crash; for the others its default is no crash.
            int c = crashes != null ? crashes : crashable(w) ? d.crashes() : 0;
            if (m.drawsPerSeed()) {
                drawIfAbsent(drawn, workload, CampaignDraw.Choice.WORKLOAD);
                drawIfAbsent(drawn, faults, CampaignDraw.Choice.FAULTS);
                drawIfAbsent(drawn, strategy, CampaignDraw.Choice.STRATEGY);
                if (crashable(w)) {
                    drawIfAbsent(drawn, crashes, CampaignDraw.Choice.CRASHES);
                }
            }
            return new RunConfig(seed, w, connections, steps == null ? m.steps() : steps, s, yieldRate, yieldCap,
                stepCostNanos, faults == null ? d.faults() : faults, off, faultWindowNanos, c,
                crashWindowSteps == null ? m.crashWindowSteps() : crashWindowSteps,
                livenessTimeoutNanos, allowIncomplete, m.spelling(), drawn);
        }

        private static void drawIfAbsent(Set<CampaignDraw.Choice> drawn, Object given, CampaignDraw.Choice choice) {
            if (given == null) {
                drawn.add(choice);
            }
        }

        private static boolean crashable(String workload) {
            String n = workload.strip().toLowerCase(Locale.ROOT);
            return WorkloadRegistry.names().contains(n) && WorkloadRegistry.byName(n).crashRecovery() != null;
        }
    }
}
