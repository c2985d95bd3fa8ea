package dev.whopper.sim.strategy;

import dev.whopper.core.io.RandomSource;
import dev.whopper.sim.trace.Recorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Swarm testing (Groce et al., ISSTA 2012): each seed draws its own configuration within bounds — the
 * strategy (random, round-robin, POS, or PCT of depth 2..4), the yield-injection rate and the scale of
 * the fault rates, and {@value #WEIGHTS} workload weights — from the {@code swarm} stream, then schedules with the drawn strategy. Different
 * seeds thus explore differently shaped runs instead of one average.
 */
public final class SwarmStrategy implements Strategy {
    /**
     * One seed's draw.
     *
     * @param strategy   the strategy it schedules with
     * @param yieldRate  the yield-injection rate, in [0, maxYieldRate]
     * @param faultScale factor applied to every fault rate, in [0, 1]
     * @param weights    {@value #WEIGHTS} workload weights in [0, 1] (a workload scales its operation mix
     *                   by them, see {@code FiberContext.workloadWeight})
     */
    public record Draw(StrategySpec strategy, double yieldRate, double faultScale, List<Double> weights) {
        public Draw {
            weights = List.copyOf(weights);
        }
    }

    /** How many workload weights a draw holds. */
    public static final int WEIGHTS = 8;

    private final Draw draw;
    private final Strategy delegate;

    /**
     * @param draw     the draw
     * @param delegate the drawn strategy, built
     */
    public SwarmStrategy(Draw draw, Strategy delegate) {
        this.draw = Objects.requireNonNull(draw, "draw");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Draws one seed's configuration.
     *
     * @param swarm        the {@code swarm} stream
     * @param maxYieldRate upper bound of the yield rate, in [0, 1]
     * @return the draw
     */
    public static Draw draw(RandomSource swarm, double maxYieldRate) {
        return draw(Recorder.recording(false), swarm, maxYieldRate);
    }

    /** Steps of the yield rate and fault scale draws: each is {@code k / LEVELS} of its range. */
    public static final int LEVELS = 100;

    /**
     * Draws one seed's configuration, every choice through the recorder (so a decision log replays it, and
     * shrinking can move it towards the defaults: random strategy, knobs off).
     *
     * @param recorder     the run's recorder
     * @param swarm        the {@code swarm} stream
     * @param maxYieldRate upper bound of the yield rate, in [0, 1]
     * @return the draw
     */
    public static Draw draw(Recorder recorder, RandomSource swarm, double maxYieldRate) {
        if (!(maxYieldRate >= 0 && maxYieldRate <= 1)) {
            throw new IllegalArgumentException("maxYieldRate: " + maxYieldRate + " (expected: in [0, 1])");
        }
        StrategySpec spec = switch (recorder.choose(6, swarm)) {
            case 0, 1 -> StrategySpec.random();
            case 2 -> new StrategySpec(StrategySpec.Kind.ROUND_ROBIN, 1);
            case 3 -> new StrategySpec(StrategySpec.Kind.POS, 1);
            default -> new StrategySpec(StrategySpec.Kind.PCT, 2 + recorder.choose(3, swarm));
        };
        // Each knob is off with probability 1/4 (choice 0), else one of LEVELS steps of its range:
        // swarm's "feature omission".
        double yieldRate = recorder.choose(4, swarm) == 0 ? 0 : (1 + recorder.choose(LEVELS, swarm)) * maxYieldRate / LEVELS;
        double faultScale = recorder.choose(4, swarm) == 0 ? 0 : (1 + recorder.choose(LEVELS, swarm)) / (double) LEVELS;
        List<Double> weights = new ArrayList<>(WEIGHTS);
        for (int i = 0; i < WEIGHTS; i++) {
            weights.add(recorder.choose(4, swarm) == 0 ? 0.0 : (1 + recorder.choose(LEVELS, swarm)) / (double) LEVELS);
        }
        return new Draw(spec, yieldRate, faultScale, weights);
    }

    /** @return this seed's draw */
    public Draw drawn() {
        return draw;
    }

    /** @return the drawn strategy every pick is delegated to */
    public Strategy delegate() {
        return delegate;
    }

    @Override
    public int pick(int[] runnable, int count, SchedulerView view) {
        return delegate.pick(runnable, count, view);
    }

    @Override
    public boolean readsRunnable() {
        return delegate.readsRunnable();
    }

    @Override
    public boolean observesRunnable() {
        return delegate.observesRunnable();
    }

    @Override
    public void runnableChanged(int fiber, boolean runnable) {
        delegate.runnableChanged(fiber, runnable);
    }

    /** @return the drawn strategy's block picker: swarm adds nothing to a step */
    @Override
    public BlockPicker blockPicker() {
        return delegate.blockPicker();
    }

    @Override
    public String name() {
        return "swarm(" + delegate.name() + ")";
    }
}
