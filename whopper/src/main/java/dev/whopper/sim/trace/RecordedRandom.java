package dev.whopper.sim.trace;

import dev.whopper.core.io.RandomSource;
import dev.whopper.core.random.SplitMix64;
import java.util.Objects;

/**
 * A random stream whose every draw is a recorded decision, so that a decision log replays it and
 * shrinking can move it to the default choice. Used for the simulated disk's fault stream: each
 * {@link #chance} is a 0/1 decision (0: no fault, the default), each {@link #nextInt} a choice among
 * {@code bound}. {@link #nextLong()} records 31 bits and returns them spread over 64 by the SplitMix64
 * finalizer (enough for coin flips and bit picks; not a general-purpose 64-bit source).
 */
public final class RecordedRandom implements RandomSource {
    private final Recorder recorder;
    private final RandomSource source;

    /**
     * @param recorder where the draws are recorded (or replayed from)
     * @param source   where fresh draws come from when recording
     */
    public RecordedRandom(Recorder recorder, RandomSource source) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public long nextLong() {
        return SplitMix64.mix(recorder.choose(Integer.MAX_VALUE, source));
    }

    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound: " + bound + " (expected: > 0)");
        }
        return recorder.choose(bound, source);
    }

    @Override
    public boolean chance(double probability) {
        if (probability <= 0) {
            return false;
        }
        if (probability >= 1) {
            return true;
        }
        boolean yes = recorder.replaying() ? recorder.replayNext(2) == 1 : source.chance(probability);
        recorder.record(yes ? 1 : 0, 2);
        return yes;
    }
}
