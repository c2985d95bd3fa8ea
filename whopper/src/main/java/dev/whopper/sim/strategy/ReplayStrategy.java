package dev.whopper.sim.strategy;

import dev.whopper.sim.trace.Recorder;
import java.util.Objects;

/**
 * Replays the scheduler picks of a decision log (through a replaying {@link Recorder}, which also feeds
 * the other recorded choices back). A logged choice out of range, or one past the log's end, becomes 0:
 * the lowest runnable fiber.
 */
public final class ReplayStrategy implements Strategy {
    private final Recorder recorder;

    /** @param recorder a replaying recorder */
    public ReplayStrategy(Recorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        if (!recorder.replaying()) {
            throw new IllegalArgumentException("recorder: not replaying (expected: Recorder.replaying(log))");
        }
    }

    @Override
    public int pick(int[] runnable, int count, SchedulerView view) {
        return recorder.replayNext(count);
    }

    /** @return false: a replayed pick is the log's index, whatever the ids (so the ranked set serves it) */
    @Override
    public boolean readsRunnable() {
        return false;
    }

    @Override
    public String name() {
        return "replay";
    }
}
