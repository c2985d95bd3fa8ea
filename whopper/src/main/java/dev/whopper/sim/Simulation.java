package dev.whopper.sim;

import dev.whopper.core.io.IO;
import dev.whopper.sim.config.RunConfig;
import dev.whopper.sim.io.CrashOptions;
import dev.whopper.sim.io.FaultConfig;
import dev.whopper.sim.io.FaultKind;
import dev.whopper.sim.io.LatencyProfile;
import dev.whopper.sim.io.SimIO;
import dev.whopper.sim.strategy.StrategySpec;
import dev.whopper.sim.trace.DecisionLog;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.workloads.registry.WorkloadRegistry;
import dev.whopper.workloads.spi.Workload;
import dev.whopper.workloads.spi.WorldContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A deterministic simulation of fibers running user operations over shared state {@code S}: the public
 * API of the simulator. Immutable; every {@link #run()} builds a fresh world with the world factory, so
 * running twice gives the same trace hash.
 *
 * <pre>{@code
 * RunResult r = Simulation.builder(Counter::new)
 *     .seed(7).strategy("random").fibers(4, (counter, ctx) -> new Increment(counter))
 *     .atEnd("no lost update", c -> c.value == c.increments)
 *     .build().run();
 * }</pre>
 *
 * @param <S> the shared state the fibers work on
 */
public final class Simulation<S> {

    /** Creates one operation for a fiber; called each time the fiber needs its next operation. */
    @FunctionalInterface
    public interface OpFactory<S> {
        /**
         * @param world the shared state
         * @param ctx   the fiber's context
         * @return the next operation
         */
        Operation<?> create(S world, FiberContext ctx);
    }

    /** Creates a fiber's whole program. */
    @FunctionalInterface
    public interface ProgramFactory<S> {
        /**
         * @param world the shared state
         * @param ctx   the fiber's context
         * @return the fiber's program
         */
        FiberProgram create(S world, FiberContext ctx);
    }

    /** A named condition on the world: an invariant or an end check. */
    record Check<S>(String name, Predicate<S> holds) { }

    private final Builder<S> b;

    private Simulation(Builder<S> b) {
        this.b = b;
    }

    /**
     * @param world creates the shared state, once per run
     * @param <S>   its type
     * @return a builder
     */
    public static <S> Builder<S> builder(Supplier<S> world) {
        Objects.requireNonNull(world, "world");
        return new Builder<>(ctx -> world.get());
    }

    /**
     * A builder whose world is created from the run's simulated I/O (or {@code null} without one).
     *
     * @param world creates the shared state, once per run
     * @param <S>   its type
     * @return a builder
     */
    public static <S> Builder<S> builderWithIO(Function<IO, S> world) {
        Objects.requireNonNull(world, "world");
        Builder<S> b = new Builder<>(ctx -> world.apply(ctx.io()));
        b.io = true;
        return b;
    }

    /**
     * A builder for a {@link Workload} with its default connections: its world (on a simulated disk when it
     * asks for one), its fibers' programs, its properties, and its crash recovery (with no crashes planned
     * until {@link Builder#crashes(int)} asks; a crash keeps some unsynced writes and tears one).
     *
     * @param workload the workload
     * @param <S>      its shared state
     * @return a builder named after the workload
     */
    public static <S> Builder<S> builder(Workload<S> workload) {
        return builder(workload, Objects.requireNonNull(workload, "workload").defaultConnections());
    }

    /**
     * {@link #builder(Workload)} with {@code connections} fibers.
     *
     * @param workload    the workload
     * @param connections fibers, &gt;= the workload's {@link Workload#minConnections()}
     * @param <S>         its shared state
     * @return a builder named after the workload
     * @throws IllegalArgumentException when {@code connections} is below the workload's minimum
     */
    public static <S> Builder<S> builder(Workload<S> workload, int connections) {
        Objects.requireNonNull(workload, "workload");
        checkPositive("connections", connections);
        if (connections < workload.minConnections()) {
            throw new IllegalArgumentException("connections: " + connections + " (expected: >= "
                + workload.minConnections() + " for workload " + workload.name() + ")");
        }
        Builder<S> b = new Builder<>(workload::createWorld);
        b.minFibers = workload.minConnections();
        b.io = workload.usesDisk();
        b.workload(workload.name()).program(connections, workload::program);
        b.properties.add(workload::properties);
        b.workloadCounters = workload::counters;
        b.engineCoverage = workload::coverage;
        Workload.CrashRecovery<S> recovery = workload.crashRecovery();
        if (recovery != null) {
            b.crashes(0, CrashOptions.keepSomeAndTear(), recovery::recover);
        }
        // A built-in workload, so far configured only in ways the command line can say: it has a command line.
        b.commandLine = WorkloadRegistry.names().contains(workload.name())
            && WorkloadRegistry.byName(workload.name()).equals(workload);
        return b;
    }

    /** The fault presets of {@link Builder#faults(String)}, in the order the CLI lists them. */
    public static final List<String> FAULT_MODES = List.of("none", "fast", "chaos", "ragnarok", "recovery-heavy");

    /**
     * @param mode a fault mode name
     * @return its fault configuration
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static FaultConfig faultMode(String mode) {
        return switch (mode) {
            case "none" -> FaultConfig.none();
            case "fast" -> FaultConfig.fast();
            case "chaos" -> FaultConfig.chaos();
            case "ragnarok" -> FaultConfig.ragnarok();
            case "recovery-heavy" -> FaultConfig.recoveryHeavy();
            default -> throw new IllegalArgumentException(mode + " (expected: one of " + String.join(", ", FAULT_MODES) + ")");
        };
    }

    /** @return the seed */
    public long seed() {
        return b.seed;
    }

    /** @return the number of fibers */
    public int fibers() {
        return b.fibers;
    }

    /** @return the strategy */
    public StrategySpec strategy() {
        return b.strategy;
    }

    /** @return the step budget */
    public long maxSteps() {
        return b.maxSteps;
    }

    /** @return the yield-injection rate */
    public double yieldRate() {
        return b.yieldRate;
    }

    /** @return true when runs have a simulated disk ({@link SimIO}) */
    public boolean usesIO() {
        return b.io;
    }

    /** @return the fault rates in force (after the classes switched off) */
    public FaultConfig faults() {
        return b.effectiveFaults();
    }

    /** @return the fault kinds switched off */
    public Set<FaultKind> faultsOff() {
        return java.util.Collections.unmodifiableSet(b.faultsOff);
    }

    /** @return how many crashes a run plans */
    public int crashes() {
        return b.crashes;
    }

    /**
     * @param kind a fault kind
     * @return this simulation with that kind of fault switched off
     */
    public Simulation<S> withoutFault(FaultKind kind) {
        Builder<S> c = b.copy();
        c.faultsOff.add(Objects.requireNonNull(kind, "kind"));
        return c.build();
    }

    /**
     * @param crashes planned crashes, &gt;= 0 (more than 0 only when crashes were configured)
     * @return this simulation with that many crashes
     */
    public Simulation<S> withCrashes(int crashes) {
        if (crashes < 0 || (crashes > 0 && b.crashOptions == null)) {
            throw new IllegalArgumentException("crashes: " + crashes + " (expected: >= 0, and crashes configured)");
        }
        Builder<S> c = b.copy();
        c.crashes = crashes;
        return c.build();
    }

    /** @return the workload name used in the repro command line */
    public String workload() {
        return b.workload;
    }

    /**
     * @param seed a seed
     * @return this simulation with another seed
     */
    public Simulation<S> withSeed(long seed) {
        return b.copy().seed(seed).build();
    }

    /**
     * @return this simulation with its default fault window ({@link Builder#FAULT_WINDOW_AUTO}, measured against
     *         its step budget) made explicit, so that cutting the budget (as shrinking does) cannot move it; this
     *         simulation itself when it has no faults or an explicit window
     */
    public Simulation<S> withFaultWindowResolved() {
        if (!b.io || b.effectiveFaults().isNone() || b.faultWindowNanos != Builder.FAULT_WINDOW_AUTO) {
            return this;
        }
        Builder<S> c = b.copy();
        c.faultWindowNanos = new RunAssembly<>(b, null, "").autoFaultWindowNanos();
        return c.build();
    }

    /** @return the fewest fibers this simulation can run with (its workload's minimum; 1 for an API-built world) */
    public int minFibers() {
        return b.minFibers;
    }

    /**
     * @param fibers number of fibers, &gt;= {@link #minFibers()}
     * @return this simulation with another number of fibers
     */
    public Simulation<S> withFibers(int fibers) {
        Builder<S> c = b.copy();
        c.fibers = checkPositive("fibers", fibers);
        if (fibers < b.minFibers) {
            throw new IllegalArgumentException("fibers: " + fibers + " (expected: >= " + b.minFibers + " for workload "
                + b.workload + ")");
        }
        return c.build();
    }

    /**
     * @param maxSteps step budget
     * @return this simulation with another step budget
     */
    public Simulation<S> withMaxSteps(long maxSteps) {
        return b.copy().maxSteps(maxSteps).build();
    }

    /**
     * @param strategy a strategy
     * @return this simulation with another strategy
     */
    public Simulation<S> withStrategy(StrategySpec strategy) {
        return b.copy().strategy(strategy).build();
    }

    /**
     * @param rate yield-injection rate
     * @return this simulation with another yield rate
     */
    public Simulation<S> withYieldRate(double rate) {
        return b.copy().yieldRate(rate).build();
    }

    /**
     * @param record keep the decision log (off: decisions are only hashed; the trace hash is the same)
     * @return this simulation recording its decisions or not
     */
    public Simulation<S> withRecordDecisions(boolean record) {
        return b.copy().recordDecisions(record).build();
    }

    /** @return one run */
    public RunResult run() {
        return execute(null);
    }

    /**
     * One run, watched: the same run as {@link #run()} (same trace hash, outcome and decisions), and
     * {@code observation} also sees it (every event with its value, wall-clock service times, an interval log).
     *
     * @param observation how to watch it
     * @return the run
     */
    public RunResult run(Observation observation) {
        return new RunAssembly<>(b, null, repro(null), observation).run();
    }

    /**
     * {@link #replay(DecisionLog)}, watched as {@link #run(Observation)} is.
     *
     * @param log         the decisions
     * @param observation how to watch it
     * @return the run
     */
    public RunResult replay(DecisionLog log, Observation observation) {
        Objects.requireNonNull(log, "log");
        return new RunAssembly<>(b, log, repro(log), observation).run();
    }

    /**
     * Replays a decision log: the seed and configuration of this simulation, the choices of the log.
     *
     * @param log the decisions
     * @return the run
     */
    public RunResult replay(DecisionLog log) {
        return execute(Objects.requireNonNull(log, "log"));
    }

    /**
     * Replays a run of this simulation (possibly of another seed, as {@link #findFailure} returns).
     *
     * @param run a run with a decision log
     * @return the replayed run
     */
    public RunResult replay(RunResult run) {
        if (run.decisions() == null) {
            throw new IllegalArgumentException("run: recorded without decisions (expected: recordDecisions(true))");
        }
        return withSeed(run.seed()).replay(run.decisions());
    }

    /** @return the seed run twice; {@link Doublecheck#identical()} is false on any trace difference */
    public Doublecheck doublecheck() {
        return new Doublecheck(run(), run());
    }

    /**
     * Runs seeds {@code firstSeed, firstSeed+1, ...} until one fails.
     *
     * @param firstSeed the first seed
     * @param seeds     how many seeds at most, &gt; 0
     * @return the first failing run, or {@code null} when all passed
     */
    public RunResult findFailure(long firstSeed, int seeds) {
        return findFailure(firstSeed, seeds, EnumSet.complementOf(EnumSet.of(Outcome.Kind.PASSED)));
    }

    /**
     * Runs seeds {@code firstSeed, firstSeed+1, ...} until one ends in one of {@code kinds}.
     *
     * @param firstSeed the first seed
     * @param seeds     how many seeds at most, &gt; 0
     * @param kinds     the outcome kinds that count as the failure looked for (e.g. only VIOLATION), not empty
     * @return the first run that ended in one of them, or {@code null} when none did
     */
    public RunResult findFailure(long firstSeed, int seeds, Set<Outcome.Kind> kinds) {
        checkPositive("seeds", seeds);
        if (Objects.requireNonNull(kinds, "kinds").isEmpty()) {
            throw new IllegalArgumentException("kinds: [] (expected: at least one outcome kind)");
        }
        for (int i = 0; i < seeds; i++) {
            RunResult r = withSeed(firstSeed + i).run();
            if (kinds.contains(r.kind())) {
                return r;
            }
        }
        return null;
    }

    private RunResult execute(DecisionLog replay) {
        return new RunAssembly<>(b, replay, repro(replay)).run();
    }

    /**
     * @return this simulation's command-line configuration: {@code RunConfig.parse(config().toArgs())} builds a
     *         simulation that runs exactly like this one
     * @throws IllegalStateException when the simulation was built through the API in a way the command line
     *                               cannot express (its own world, checks, latency or fault rates)
     */
    public RunConfig config() {
        if (!b.commandLine) {
            throw new IllegalStateException("config: none (expected: a simulation of a built-in workload, as "
                + "RunConfig.simulation() builds; this one was built through the API)");
        }
        return new RunConfig(b.seed, b.workload, b.fibers, b.maxSteps, b.strategy, b.yieldRate, b.yieldCapPerOp,
            b.stepCostNanos, b.faultMode, b.faultsOff, b.faultWindowNanos, b.crashes, b.crashWindowSteps,
            b.livenessTimeoutNanos, b.allowIncomplete, b.mode, java.util.Set.of());
    }

    /**
     * @param replay the replayed log, or {@code null}
     * @return how to rerun this simulation: the command line when it has one ({@link #config()}), else the API
     *         calls (the seed, and the decision log of a replay)
     */
    public String repro(DecisionLog replay) {
        String log = replay == null ? "" : replay.toText();
        if (b.commandLine) {
            return config().commandLine() + (replay == null ? "" : " --replay " + log);
        }
        return replay == null
            ? "simulation.withSeed(" + b.seed + ").run() (built through the API: rerun it there; "
                + "simulation.replay(result) replays its decisions)"
            : "simulation.withSeed(" + b.seed + ").replay(DecisionLog.parse(\"" + log + "\")) (built through the API)";
    }

    private static int checkPositive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: > 0)");
        }
        return v;
    }

    /**
     * Builds a {@link Simulation}. Defaults: seed 0, random strategy, 1 fiber with 1 operation, 100 000
     * steps, 1 µs per step, yield rate 0.1 capped at 4 per operation, 32 events kept, no liveness check.
     *
     * @param <S> the shared state
     */
    public static final class Builder<S> {
        /** Default yield-injection rate. */
        public static final double DEFAULT_YIELD_RATE = 0.1;
        /** Default cap of injected yields per operation. */
        public static final int DEFAULT_YIELD_CAP = 4;
        /** Default liveness timeout: an operation still running 10 s (simulated) after faults stopped fails the run. */
        public static final long DEFAULT_LIVENESS_TIMEOUT_NANOS = 10_000_000_000L;
        /** The default fault window: faults stop at two thirds of the simulated time the run takes with faults all along. */
        public static final long FAULT_WINDOW_AUTO = 0;
        /** A fault window that never closes: faults go on for the whole run (the liveness check is then inert). */
        public static final long FAULT_WINDOW_NEVER = Long.MAX_VALUE;
        /** Default span of steps crashes are drawn in: 0, the run's real length. */
        public static final long DEFAULT_CRASH_WINDOW_STEPS = 0;

        final Function<WorldContext, S> world;
        long seed;
        StrategySpec strategy = StrategySpec.random();
        int fibers = 1;
        ProgramFactory<S> program;
        long maxSteps = 100_000;
        long stepCostNanos = 1_000;
        double yieldRate = DEFAULT_YIELD_RATE;
        int yieldCapPerOp = DEFAULT_YIELD_CAP;
        int eventsKept = 32;
        long livenessTimeoutNanos = DEFAULT_LIVENESS_TIMEOUT_NANOS;
        boolean recordDecisions = true;
        String workload = "custom";
        boolean io;
        LatencyProfile latency = LatencyProfile.ssd();
        FaultConfig faults = FaultConfig.none();
        String faultMode = "none";
        /** The {@code --mode} the run was configured with (it changes nothing here: it only names the defaults). */
        String mode = "fast";
        EnumSet<FaultKind> faultsOff = EnumSet.noneOf(FaultKind.class);
        long faultWindowNanos = FAULT_WINDOW_AUTO;
        int crashes;
        long crashWindowSteps = DEFAULT_CRASH_WINDOW_STEPS;
        CrashOptions crashOptions;
        Consumer<S> recover;
        List<Check<S>> invariants = new ArrayList<>();
        List<Check<S>> endChecks = new ArrayList<>();
        List<Function<S, List<Property>>> properties = new ArrayList<>();
        Function<S, Map<String, Long>> workloadCounters;
        /** The world's engine coverage for reports (null: none). */
        Function<S, Map<String, Long>> engineCoverage;
        /** True while everything about the run can be said on the command line ({@link Simulation#config()}). */
        boolean commandLine;
        /** A run cut by the step budget passes (with its end checks reported skipped) instead of INCOMPLETE. */
        boolean allowIncomplete;
        /** The fewest fibers the world can run with. */
        int minFibers = 1;
        /** A run that measures another one's length (see {@code RunAssembly}): it measures nothing itself. */
        boolean measuring;
        /** The span crash points are drawn over, when already measured (0: measure it). */
        long crashSpanSteps;

        private Builder(Function<WorldContext, S> world) {
            this.world = world;
        }

        Builder<S> copy() {
            Builder<S> c = new Builder<>(world);
            c.seed = seed;
            c.strategy = strategy;
            c.fibers = fibers;
            c.program = program;
            c.maxSteps = maxSteps;
            c.stepCostNanos = stepCostNanos;
            c.yieldRate = yieldRate;
            c.yieldCapPerOp = yieldCapPerOp;
            c.eventsKept = eventsKept;
            c.livenessTimeoutNanos = livenessTimeoutNanos;
            c.recordDecisions = recordDecisions;
            c.workload = workload;
            c.io = io;
            c.latency = latency;
            c.faults = faults;
            c.faultMode = faultMode;
            c.mode = mode;
            c.faultsOff = EnumSet.copyOf(faultsOff);
            c.faultWindowNanos = faultWindowNanos;
            c.crashes = crashes;
            c.crashWindowSteps = crashWindowSteps;
            c.crashOptions = crashOptions;
            c.recover = recover;
            c.invariants = new ArrayList<>(invariants);
            c.endChecks = new ArrayList<>(endChecks);
            c.properties = new ArrayList<>(properties);
            c.workloadCounters = workloadCounters;
            c.engineCoverage = engineCoverage;
            c.commandLine = commandLine;
            c.allowIncomplete = allowIncomplete;
            c.minFibers = minFibers;
            c.measuring = measuring;
            c.crashSpanSteps = crashSpanSteps;
            return c;
        }

        /**
         * @param seed the root seed
         * @return this
         */
        public Builder<S> seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param strategy a strategy name: random, rr, pct, pct:D, pos, swarm
         * @return this
         */
        public Builder<S> strategy(String strategy) {
            return strategy(StrategySpec.parse(strategy));
        }

        /**
         * @param strategy a strategy
         * @return this
         */
        public Builder<S> strategy(StrategySpec strategy) {
            if (Objects.requireNonNull(strategy, "strategy").kind() == StrategySpec.Kind.REPLAY) {
                throw new IllegalArgumentException("strategy: replay (expected: use Simulation.replay(log))");
            }
            this.strategy = strategy;
            return this;
        }

        /**
         * {@code count} fibers, each running {@code opsPerFiber} operations from {@code op}.
         *
         * @param count       number of fibers, &gt; 0
         * @param opsPerFiber operations per fiber, &gt; 0
         * @param op          creates each operation
         * @return this
         */
        public Builder<S> fibers(int count, int opsPerFiber, OpFactory<S> op) {
            checkPositive("opsPerFiber", opsPerFiber);
            Objects.requireNonNull(op, "op");
            return program(count, (w, ctx) -> new FiberProgram() {
                private int made;

                @Override
                public Operation<?> next() {
                    return made++ < opsPerFiber ? op.create(w, ctx) : null;
                }
            });
        }

        /**
         * {@code count} fibers, each running one operation from {@code op}.
         *
         * @param count number of fibers, &gt; 0
         * @param op    creates the operation
         * @return this
         */
        public Builder<S> fibers(int count, OpFactory<S> op) {
            return fibers(count, 1, op);
        }

        /**
         * {@code count} fibers, each running the program {@code program} makes.
         *
         * @param count   number of fibers, &gt; 0
         * @param program creates each fiber's program
         * @return this
         */
        public Builder<S> program(int count, ProgramFactory<S> program) {
            commandLine = false;
            this.fibers = checkPositive("fibers", count);
            this.program = Objects.requireNonNull(program, "program");
            return this;
        }

        /**
         * An invariant checked after every step.
         *
         * @param name  its name
         * @param holds true when it holds
         * @return this
         */
        public Builder<S> invariant(String name, Predicate<S> holds) {
            commandLine = false;
            invariants.add(new Check<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(holds, "holds")));
            return this;
        }

        /**
         * A check of the final state, made when every fiber has finished its operations.
         *
         * @param name  its name
         * @param holds true when it holds
         * @return this
         */
        public Builder<S> atEnd(String name, Predicate<S> holds) {
            commandLine = false;
            endChecks.add(new Check<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(holds, "holds")));
            return this;
        }

        /**
         * A full {@link Property}, created per run from the world.
         *
         * @param property creates the property
         * @return this
         */
        public Builder<S> property(Function<S, Property> property) {
            commandLine = false;
            Objects.requireNonNull(property, "property");
            properties.add(world -> List.of(property.apply(world)));
            return this;
        }

        /**
         * @param maxSteps step budget, &gt; 0
         * @return this
         */
        public Builder<S> maxSteps(long maxSteps) {
            if (maxSteps <= 0) {
                throw new IllegalArgumentException("maxSteps: " + maxSteps + " (expected: > 0)");
            }
            this.maxSteps = maxSteps;
            return this;
        }

        /**
         * @param allow true when the step budget is meant to cut the run: a run that reaches it with fibers not
         *              done then PASSES with its end-of-run checks reported skipped (default false: INCOMPLETE,
         *              a failure)
         * @return this
         */
        public Builder<S> allowIncomplete(boolean allow) {
            this.allowIncomplete = allow;
            return this;
        }

        /**
         * @param nanos simulated CPU time per step, &gt;= 0
         * @return this
         */
        public Builder<S> stepCostNanos(long nanos) {
            if (nanos < 0) {
                throw new IllegalArgumentException("stepCostNanos: " + nanos + " (expected: >= 0)");
            }
            this.stepCostNanos = nanos;
            return this;
        }

        /**
         * @param rate chance a yield point yields, in [0, 1] (swarm: the upper bound of its draw)
         * @return this
         */
        public Builder<S> yieldRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("yieldRate: " + rate + " (expected: in [0, 1])");
            }
            this.yieldRate = rate;
            return this;
        }

        /**
         * @param cap at most this many injected yields per operation, &gt;= 0
         * @return this
         */
        public Builder<S> yieldCapPerOp(int cap) {
            if (cap < 0) {
                throw new IllegalArgumentException("yieldCapPerOp: " + cap + " (expected: >= 0)");
            }
            this.yieldCapPerOp = cap;
            return this;
        }

        /**
         * @param events how many last events a result keeps, &gt; 0
         * @return this
         */
        public Builder<S> eventsKept(int events) {
            this.eventsKept = checkPositive("eventsKept", events);
            return this;
        }

        /**
         * @param nanos an operation running longer than this (counted from when faults stopped, if later) is a
         *              LIVENESS failure; 0 turns the check off (default {@value #DEFAULT_LIVENESS_TIMEOUT_NANOS})
         * @return this
         */
        public Builder<S> livenessTimeoutNanos(long nanos) {
            if (nanos < 0) {
                throw new IllegalArgumentException("livenessTimeoutNanos: " + nanos + " (expected: >= 0)");
            }
            this.livenessTimeoutNanos = nanos;
            return this;
        }

        /**
         * @param record keep the decision log (default true; off only hashes decisions, for soaks)
         * @return this
         */
        public Builder<S> recordDecisions(boolean record) {
            this.recordDecisions = record;
            return this;
        }

        /**
         * @param name the workload's name in the repro command line (default {@code custom})
         * @return this
         */
        public Builder<S> workload(String name) {
            this.workload = Objects.requireNonNull(name, "name");
            return this;
        }

        FaultConfig effectiveFaults() {
            FaultConfig f = faults;
            for (FaultKind k : faultsOff) {
                f = f.with(k, 0);
            }
            return f;
        }

        /**
         * Gives runs a simulated disk ({@link SimIO}) with this latency profile (default: SSD). Fibers reach it
         * through {@link FiberContext#io()}.
         *
         * @param profile the latency profile
         * @return this
         */
        public Builder<S> latency(LatencyProfile profile) {
            commandLine = false;
            this.latency = Objects.requireNonNull(profile, "profile");
            this.io = true;
            return this;
        }

        /**
         * Gives runs a simulated disk with a fault preset: none, fast, chaos, ragnarok, recovery-heavy.
         *
         * @param mode the preset
         * @return this
         */
        public Builder<S> faults(String mode) {
            this.faults = faultMode(Objects.requireNonNull(mode, "mode"));
            this.faultMode = mode;
            this.io = true;
            return this;
        }

        /**
         * Gives runs a simulated disk with these fault rates.
         *
         * @param faults the rates
         * @return this
         */
        public Builder<S> faults(FaultConfig faults) {
            commandLine = false;
            this.faults = Objects.requireNonNull(faults, "faults");
            this.faultMode = "custom";
            this.io = true;
            return this;
        }

        /**
         * @param kinds fault kinds to switch off
         * @return this
         */
        public Builder<S> faultsOff(FaultKind... kinds) {
            faultsOff.addAll(Arrays.asList(kinds));
            return this;
        }

        /**
         * Names the run mode a command-line configuration took its defaults from, for its repro line
         * ({@link Simulation#config()}); it changes nothing about the run.
         *
         * @param mode a {@code --mode} name
         * @return this builder
         */
        public Builder<S> mode(String mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param nanos faults stop at this simulated time (liveness is measured from there);
         *              {@value #FAULT_WINDOW_AUTO} (the default): at two thirds of the simulated time the same
         *              run takes with faults all along (measured by a first, unrecorded run);
         *              {@link #FAULT_WINDOW_NEVER}: never
         * @return this
         */
        public Builder<S> faultWindowNanos(long nanos) {
            if (nanos < 0) {
                throw new IllegalArgumentException("faultWindowNanos: " + nanos + " (expected: >= 0, 0: two thirds of the run)");
            }
            this.faultWindowNanos = nanos;
            return this;
        }

        /**
         * Plans {@code count} crashes at steps drawn from the {@code crashes} stream. At a crash the simulated
         * disk loses power with {@code options}, operations in flight are abandoned (properties see an
         * unknown outcome), {@code recover} brings the world back (e.g. reopens files), and every fiber
         * reconnects with a fresh program.
         *
         * @param count   crashes per run, &gt;= 0
         * @param options what survives a crash
         * @param recover restores the world after a crash
         * @return this
         */
        public Builder<S> crashes(int count, CrashOptions options, Consumer<S> recover) {
            commandLine = false;
            if (count < 0) {
                throw new IllegalArgumentException("crashes: " + count + " (expected: >= 0)");
            }
            this.crashes = count;
            this.crashOptions = Objects.requireNonNull(options, "options");
            this.recover = Objects.requireNonNull(recover, "recover");
            return this;
        }

        /**
         * @param count crashes per run, &gt;= 0, for a builder whose crash recovery is configured (a
         *              {@link Workload} with {@link Workload#crashRecovery()}, or {@link #crashes(int, CrashOptions, Consumer)})
         * @return this
         */
        public Builder<S> crashes(int count) {
            if (count < 0 || (count > 0 && crashOptions == null)) {
                throw new IllegalArgumentException("crashes: " + count + " (expected: >= 0, and crash recovery configured)");
            }
            this.crashes = count;
            return this;
        }

        /**
         * @param steps 0 (the default): crash points are drawn over the run's real length (the steps the same
         *              run takes without crashes, measured by a first run); &gt; 0: crashes happen at steps drawn
         *              uniformly from {@code [1, steps)}. A planned crash the run ends before makes it INCOMPLETE.
         * @return this
         */
        public Builder<S> crashWindowSteps(long steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("crashWindowSteps: " + steps + " (expected: >= 0, 0: the run's length)");
            }
            this.crashWindowSteps = steps;
            return this;
        }

        /** @return the simulation */
        public Simulation<S> build() {
            if (program == null) {
                throw new IllegalStateException("no fibers: call fibers(...) or program(...) before build()");
            }
            return new Simulation<>(copy());
        }
    }
}
