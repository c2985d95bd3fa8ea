package dev.whopper.sim;

import dev.whopper.core.io.RandomSource;
import dev.whopper.sim.io.FaultConfig;
import dev.whopper.sim.io.FaultKind;
import dev.whopper.sim.io.SimIO;
import dev.whopper.sim.io.SimIOStats;
import dev.whopper.sim.random.RandomStreams;
import dev.whopper.sim.sched.Blame;
import dev.whopper.sim.sched.Scheduler;
import dev.whopper.sim.sched.SchedulerConfig;
import dev.whopper.sim.strategy.Strategy;
import dev.whopper.sim.strategy.StrategySpec;
import dev.whopper.sim.strategy.SwarmStrategy;
import dev.whopper.sim.trace.DecisionLog;
import dev.whopper.sim.trace.RecordedRandom;
import dev.whopper.sim.trace.Recorder;
import dev.whopper.workloads.property.Properties;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.spi.FaultOracle;
import dev.whopper.workloads.spi.WorldContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Puts one run together from a simulation's configuration and runs it: the random streams and the
 * recorder, swarm's draw, the clock, the simulated disk with its trace listener, the strategy, the world
 * and its properties, the scheduler, the fault window and the crash plan. Used once, by
 * {@link Simulation#run()} and {@link Simulation#replay}.
 *
 * @param <S> the world type
 */
final class RunAssembly<S> {
    private final Simulation.Builder<S> b;
    private final DecisionLog replay;
    private final String repro;
    /** This run only measures PCT's horizon: it schedules with depth 1 and logs no decisions. */
    private final boolean probe;
    private final RandomStreams streams;
    private final Recorder recorder;
    private final VirtualClock clock;
    /** Swarm's draw for this seed, or {@code null} for any other strategy. */
    private final SwarmStrategy.Draw draw;
    private final FaultConfig faults;
    /** Crash points are drawn in this many fractions of the run's length. */
    static final int CRASH_POINTS = 1 << 20;
    /** Crash points are drawn over this many thirds of the run's crash-free length. */
    static final long CRASH_SPAN_THIRDS = 2;
    /** The step budget of the run that measures a run's length for its crash plan. */
    static final long MEASURE_MAX_STEPS = 4_000_000;

    private SimIO simIO;
    private TraceListener listener;
    private long[] plannedCrashSteps = new long[0];
    /** When faults stop in this run (0: no faults; {@link Simulation.Builder#FAULT_WINDOW_NEVER}: never). */
    private long faultsEndNanos;
    /** The default fault window and the crash span, once measured (0: not yet). */
    private long faultWindowNanos;
    private long crashSpan;

    /** How this run is watched ({@link Observation#NONE} for the runs that measure it). */
    private final Observation observation;

    RunAssembly(Simulation.Builder<S> builder, DecisionLog replay, String repro) {
        this(builder, replay, repro, false, Observation.NONE);
    }

    RunAssembly(Simulation.Builder<S> builder, DecisionLog replay, String repro, Observation observation) {
        this(builder, replay, repro, false, observation);
    }

    private RunAssembly(Simulation.Builder<S> builder, DecisionLog replay, String repro, boolean probe,
                        Observation observation) {
        this.observation = java.util.Objects.requireNonNull(observation, "observation");
        this.b = builder;
        this.replay = replay;
        this.repro = repro;
        this.probe = probe;
        this.streams = new RandomStreams(b.seed);
        this.recorder = replay == null ? Recorder.recording(b.recordDecisions && !probe) : Recorder.replaying(replay);
        this.draw = b.strategy.kind() == StrategySpec.Kind.SWARM
            ? SwarmStrategy.draw(recorder, streams.stream(RandomStreams.SWARM), b.yieldRate) : null;
        this.clock = new VirtualClock(b.stepCostNanos);
        this.faults = draw == null ? b.effectiveFaults() : scaled(b.effectiveFaults(), draw.faultScale());
    }

    /** @return the run's result */
    RunResult run() {
        if (b.io) {
            // Fault decisions are recorded decisions: replayable, and shrinkable towards "no fault".
            simIO = new SimIO(clock, streams.stream(RandomStreams.IO),
                new RecordedRandom(recorder, streams.stream(RandomStreams.FAULTS)), streams.stream("engine"), b.latency,
                faults);
            listener = new TraceListener(recorder.hash(), b.seed);
            simIO.setListener(listener);
        }
        Strategy strategy = strategy();
        S world;
        List<Property> properties;
        try {
            world = b.world.apply(new WorldContext(simIO, b.fibers, faultOracle(simIO, listener),
                draw == null ? java.util.List.of() : draw.weights()));
            properties = properties(world);
        } catch (RuntimeException e) {
            return setUpFailed(e, strategy);
        }
        Scheduler scheduler = scheduler(strategy, world, properties);
        Outcome outcome = scheduler.run();
        Counters counters = scheduler.counters(faultCounts(simIO));
        if (outcome instanceof Outcome.Incomplete in && b.allowIncomplete) {
            outcome = new Outcome.Passed(false, in.skipped()); // the user said the budget is meant to cut the run
        }
        if (outcome.kind() == Outcome.Kind.PASSED && counters.crashes() < b.crashes) {
            outcome = missedCrashes(counters);
        }
        return new RunResult(b.seed, outcome, recorder.hash().value(), counters,
            recorder.log(), scheduler.events().snapshot(), scheduler.events().written(), strategy.name(), repro, world,
            workloadCounters(world), warnings(counters), recorder.replayMisfit(), metrics(scheduler, properties, world));
    }

    private RunMetrics metrics(Scheduler scheduler, List<Property> properties, S world) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (Property p : properties) {
            names.merge(p.name(), p.checksAtEnd(), Boolean::logicalOr);
        }
        return new RunMetrics(scheduler.latency().snapshot(), listener == null ? List.of() : listener.faultEvents(),
            listener == null ? 0 : listener.faultEventsNotKept(), scheduler.yieldPointReaches(), names,
            b.engineCoverage == null ? Map.of() : b.engineCoverage.apply(world));
    }

    private Strategy strategy() {
        if (replay != null) {
            return new StrategySpec(StrategySpec.Kind.REPLAY, 1).create(null, b.fibers, b.maxSteps, recorder);
        }
        StrategySpec spec = draw == null ? b.strategy : draw.strategy();
        long horizon = b.maxSteps;
        if (spec.kind() == StrategySpec.Kind.PCT) {
            // PCT's horizon is the run's real length: this seed's steps with the same priorities and no change
            // point, measured by running it (the real run's prefix up to its first change point). The probe and
            // the measuring runs schedule at depth 1 themselves, so no measurement measures again.
            if (probe || b.measuring) {
                horizon = 1;
                spec = new StrategySpec(StrategySpec.Kind.PCT, 1);
            } else {
                horizon = Math.max(1, new RunAssembly<>(resolved(), null, repro, true, Observation.NONE).run().counters().steps());
            }
        }
        Strategy strategy = spec.create(streams.stream(RandomStreams.SCHEDULER), b.fibers, horizon, recorder);
        return draw == null ? strategy : new SwarmStrategy(draw, strategy);
    }

    /** The properties in the order they are told of events: invariants, end checks, then the others. */
    private List<Property> properties(S world) {
        List<Property> properties = new ArrayList<>();
        for (Simulation.Check<S> inv : b.invariants) {
            properties.add(Properties.invariant(inv.name(), () -> inv.holds().test(world)));
        }
        for (Simulation.Check<S> end : b.endChecks) {
            properties.add(Properties.atEnd(end.name(), () -> end.holds().test(world)));
        }
        for (Function<S, List<Property>> p : b.properties) {
            for (Property each : Objects.requireNonNull(p.apply(world), "property factory returned null")) {
                properties.add(Objects.requireNonNull(each, "property factory returned a null property"));
            }
        }
        return properties;
    }

    private RunResult setUpFailed(RuntimeException e, Strategy strategy) {
        Outcome o = Blame.fromToolCode(e)
            ? new Outcome.InternalError("setting up the world failed: " + e, e, 0)
            : new Outcome.Violation(Blame.UNCAUGHT_EXCEPTION, "setting up the world threw " + e, 0, 0, -1);
        return new RunResult(b.seed, o, 0, new Counters(0, 0, 0, Map.of(), 0, 0, 0, Map.of(), 0), recorder.log(),
            List.of(), 0, strategy.name(), repro, null, Map.of(), List.of(), null, RunMetrics.NONE);
    }

    private Scheduler scheduler(Strategy strategy, S world, List<Property> properties) {
        long faultsEnd = simIO == null || faults.isNone() ? 0
            : b.faultWindowNanos != Simulation.Builder.FAULT_WINDOW_AUTO ? b.faultWindowNanos : faultWindow();
        this.faultsEndNanos = faultsEnd;
        double yieldRate = draw == null ? b.yieldRate : draw.yieldRate();
        SchedulerConfig config = new SchedulerConfig(b.maxSteps, yieldRate, b.yieldCapPerOp, b.eventsKept,
            b.livenessTimeoutNanos, faultsEnd, b.recordDecisions || replay != null);
        Scheduler scheduler = new Scheduler(config, streams, recorder, strategy, clock, simIO, simIO, properties,
            b.fibers, ctx -> b.program.create(world, ctx));
        if (listener != null) {
            listener.attach(scheduler.events(), scheduler);
            listener.traceTo(observation.sink());
        }
        scheduler.traceTo(observation.sink());
        if (observation.wallClock()) {
            scheduler.measureWallClock();
        }
        scheduler.latency().logTo(observation.latencyLog());
        if (draw != null) {
            double[] weights = new double[draw.weights().size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = draw.weights().get(i);
            }
            scheduler.setWorkloadWeights(weights);
        }
        if (simIO != null && faultsEnd != Long.MAX_VALUE && faultsEnd > 0) {
            SimIO io = simIO;
            scheduler.onFaultsEnd(() -> io.setFaultsEnabled(false));
        }
        if (b.crashes > 0) {
            planCrashes(scheduler, world);
        }
        return scheduler;
    }

    /**
     * Draws the crash steps: with a crash window, uniformly from {@code [1, window)}; by default over the run's
     * real length, as fractions (in {@value #CRASH_POINTS}ths) of the first two thirds of the steps the same run
     * takes without crashes (with its own fault window, see {@link #crashSpan()}),
     * so that every planned crash happens whenever the run is long enough. The choices are recorded: replay
     * and shrinking move crashes too, and a fraction keeps its place when shrinking changes the length.
     */
    private void planCrashes(Scheduler scheduler, S world) {
        RandomSource crashRandom = streams.stream("crashes");
        long[] at = new long[b.crashes];
        if (b.crashWindowSteps > 0) {
            int window = (int) Math.min(Integer.MAX_VALUE, Math.max(1, b.crashWindowSteps - 1));
            for (int i = 0; i < at.length; i++) {
                at[i] = 1 + recorder.choose(window, crashRandom);
            }
        } else {
            long span = crashSpan();
            for (int i = 0; i < at.length; i++) {
                at[i] = 1 + recorder.choose(CRASH_POINTS, crashRandom) * span / CRASH_POINTS;
            }
        }
        Arrays.sort(at);
        plannedCrashSteps = at;
        SimIO io = simIO;
        scheduler.planCrashes(at, () -> {
            if (io != null) {
                io.crash(b.crashOptions);
            }
        }, () -> b.recover.accept(world));
    }

    /**
     * @return this configuration with what it measures made explicit (the default fault window, the crash span),
     *         for the PCT probe: it then runs exactly like this run up to its first change point, measuring nothing
     */
    private Simulation.Builder<S> resolved() {
        Simulation.Builder<S> r = b.copy();
        if (b.faultWindowNanos == Simulation.Builder.FAULT_WINDOW_AUTO && b.io && !faults.isNone()) {
            r.faultWindowNanos = faultWindow();
        }
        if (b.crashes > 0 && b.crashWindowSteps == 0) {
            r.crashSpanSteps = crashSpan();
        }
        return r;
    }

    /** @return the default fault window, measured once per run */
    private long faultWindow() {
        if (faultWindowNanos == 0) {
            faultWindowNanos = autoFaultWindowNanos();
        }
        return faultWindowNanos;
    }

    /**
     * @return the span crash points are drawn over: the given one, or the first {@value #CRASH_SPAN_THIRDS} thirds
     *         of the crash-free length measured once (the same share of the run as the default fault window): a
     *         crash abandons the operations in flight, so a run with crashes can end earlier than its crash-free
     *         twin, and a point in its last third could be past its end
     */
    private long crashSpan() {
        if (crashSpan == 0) {
            crashSpan = b.crashSpanSteps > 0 ? b.crashSpanSteps
                : Math.max(1, (crashFreeSteps() - 1) / 3 * CRASH_SPAN_THIRDS);
        }
        return crashSpan;
    }

    /**
     * @return the steps this run takes without crashes: a first, unrecorded run of the same seed, with a step
     *         budget of its own ({@value #MEASURE_MAX_STEPS} steps) so that the crash points do not move when
     *         shrinking cuts the budget, and with this run's own fault window: faults stop where they stop in
     *         this run (with the default window, measured first), so the span is the length this run really has
     *         and not the longer one of a run with faults all along
     */
    private long crashFreeSteps() {
        Simulation.Builder<S> measure = measuring(b);
        measure.maxSteps = MEASURE_MAX_STEPS;
        if (b.faultWindowNanos == Simulation.Builder.FAULT_WINDOW_AUTO && b.io && !faults.isNone()) {
            measure.faultWindowNanos = faultWindow();
        }
        return new RunAssembly<>(measure, null, repro).run().counters().steps();
    }

    /**
     * @return the default fault window: two thirds of the simulated time this run takes within its step budget
     *         with faults all along and no crashes (a first, unrecorded run of the same seed); the shrinker fixes
     *         it before it cuts the budget ({@link Simulation#withFaultWindowResolved()})
     */
    long autoFaultWindowNanos() {
        Simulation.Builder<S> measure = measuring(b);
        return Math.max(1, new RunAssembly<>(measure, null, repro).run().counters().timeNanos() / 3 * 2);
    }

    /**
     * @return the configuration of a measuring run: no crashes, no recording, no liveness check, the budget may
     *         cut it, faults all along when the window is the default, and PCT at depth 1: it measures nothing itself
     */
    private static <S> Simulation.Builder<S> measuring(Simulation.Builder<S> b) {
        Simulation.Builder<S> measure = b.copy();
        measure.measuring = true;
        if (measure.faultWindowNanos == Simulation.Builder.FAULT_WINDOW_AUTO) {
            measure.faultWindowNanos = Simulation.Builder.FAULT_WINDOW_NEVER;
        }
        measure.crashes = 0;
        measure.recordDecisions = false;
        measure.allowIncomplete = true;
        measure.livenessTimeoutNanos = 0;
        return measure;
    }

    /** @return what a person should know about checks these options made inert, one line each */
    private List<String> warnings(Counters counters) {
        List<String> out = new ArrayList<>();
        if (b.livenessTimeoutNanos == 0) {
            out.add("the liveness check is off (liveness timeout 0): an operation that never finishes is caught only by "
                + "the step budget");
        }
        if (faultsEndNanos == Simulation.Builder.FAULT_WINDOW_NEVER) {
            out.add("faults never stop (fault window: never): the liveness check, which starts when faults stop, is inert");
        } else if (faultsEndNanos > counters.timeNanos()) {
            out.add("faults never stopped: the fault window (" + faultsEndNanos + " ns) is past the end of the run ("
                + counters.timeNanos() + " ns), so the liveness check after faults was inert");
        }
        return out;
    }

    /** A run that passed but ended before a planned crash: the crash check did not run, so it is no pass. */
    private Outcome missedCrashes(Counters counters) {
        List<String> missed = new ArrayList<>();
        for (int i = (int) counters.crashes(); i < plannedCrashSteps.length; i++) {
            missed.add("planned crash " + (i + 1) + " of " + plannedCrashSteps.length + " at step " + plannedCrashSteps[i]
                + " did not happen: the run ended at step " + counters.steps());
        }
        return new Outcome.Incomplete(Outcome.Incomplete.CRASH_MISSED, counters.steps(), counters.timeNanos(), missed,
            List.of());
    }

    private Map<String, Long> workloadCounters(S world) {
        return b.workloadCounters == null ? Map.of() : b.workloadCounters.apply(world);
    }

    private static FaultOracle faultOracle(SimIO io, TraceListener listener) {
        if (io == null) {
            return FaultOracle.NONE;
        }
        return new FaultOracle() {
            @Override
            public long bitFlips() {
                return io.stats().faults().count(FaultKind.BIT_FLIP);
            }

            @Override
            public boolean bitFlipped(String path, long beforeOffset, long sinceNanos) {
                return listener.bitFlipped(path, beforeOffset, sinceNanos);
            }

            @Override
            public boolean bitFlippedIn(String path, long fromOffset, long toOffset, long sinceNanos) {
                return listener.bitFlipped(path, fromOffset, toOffset, sinceNanos);
            }

            @Override
            public boolean faultsStopped() {
                return !io.faultsEnabled() || io.faultConfig().isNone();
            }
        };
    }

    private static Map<String, Long> faultCounts(SimIO io) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (io != null) {
            SimIOStats.FaultCounts counts = io.stats().faults();
            for (FaultKind k : FaultKind.values()) {
                if (counts.count(k) > 0) {
                    out.put(k.name(), counts.count(k));
                }
            }
        }
        return out;
    }

    private static FaultConfig scaled(FaultConfig f, double scale) {
        FaultConfig out = f;
        for (FaultKind k : FaultKind.values()) {
            out = out.with(k, f.rate(k) * scale);
        }
        return out;
    }
}
