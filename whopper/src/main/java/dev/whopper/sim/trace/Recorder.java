package dev.whopper.sim.trace;

/**
 * Every choice of a run goes through here. Recording, each choice with two or more options is appended to
 * the {@link DecisionLog} (unless recording is off, for long soaks and benchmarks: runs are
 * deterministic, so a failing run can be re-run with recording on) and folded into the
 * {@link TraceHash}. Replaying, choices are read back from a given log in order; a value out of range
 * becomes 0 and a log that runs out yields 0 (the "default choice" that shrinking substitutes).
 */
public final class Recorder {
    private final DecisionLog log;
    private final int[] replay;
    private int cursor;
    /** The first replayed decision that was out of its range, or -1; its value and range. */
    private int firstMisfit = -1;
    private int misfitValue;
    private int misfitBound;
    private final TraceHash hash = new TraceHash();
    private long decisions;

    private Recorder(boolean record, int[] replay) {
        this.log = record ? new DecisionLog(1024) : null;
        this.replay = replay;
    }

    /**
     * @param record keep the decision log (false: only hash the decisions)
     * @return a recorder whose choices come from the strategy
     */
    public static Recorder recording(boolean record) {
        return new Recorder(record, null);
    }

    /**
     * @param log the decisions to replay
     * @return a recorder whose choices come from {@code log} (the run's own decisions are logged again)
     */
    public static Recorder replaying(DecisionLog log) {
        return new Recorder(true, log.toArray());
    }

    /** @return true when choices come from a replayed log */
    public boolean replaying() {
        return replay != null;
    }

    /**
     * The next replayed choice.
     *
     * @param bound number of options, &gt;= 2
     * @return the logged choice, or 0 when it is out of range or the log has run out
     */
    public int replayNext(int bound) {
        int v = cursor < replay.length ? replay[cursor] : 0;
        if (v >= bound && firstMisfit < 0) {
            firstMisfit = cursor;
            misfitValue = v;
            misfitBound = bound;
        }
        cursor++;
        return v < bound ? v : 0;
    }

    /**
     * @return null when the replayed log fitted the run (every decision within its choices, every decision
     *         used, none missing), else why it did not, in one line
     */
    public String replayMisfit() {
        if (replay == null) {
            return null;
        }
        if (firstMisfit >= 0) {
            return "decision " + firstMisfit + " is " + misfitValue + ", but the run had " + misfitBound
                + " choice(s) there";
        }
        if (cursor > replay.length) {
            return "the run needed " + cursor + " decisions, the log has " + replay.length;
        }
        if (cursor < replay.length) {
            return "the run used " + cursor + " of the log's " + replay.length + " decisions";
        }
        return null;
    }

    /** @return how many replayed decisions were consumed (may exceed the log's length) */
    public int replayCursor() {
        return cursor;
    }

    /**
     * Makes and records a choice: drawn from {@code random} when recording, read back when replaying.
     *
     * @param bound  number of options, &gt; 0
     * @param random where a fresh choice is drawn from
     * @return the choice, in {@code [0, bound)}
     */
    public int choose(int bound, dev.whopper.core.io.RandomSource random) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound: " + bound + " (expected: > 0)");
        }
        if (bound == 1) {
            return 0;
        }
        int v = replaying() ? replayNext(bound) : random.nextInt(bound);
        record(v, bound);
        return v;
    }

    /**
     * Records a choice made among {@code bound} options. Choices with one option are ignored.
     *
     * @param value the choice, in {@code [0, bound)}
     * @param bound the number of options
     */
    public void record(int value, int bound) {
        if (bound > 1) {
            recordChoice(value, bound);
        }
    }

    private void recordChoice(int value, int bound) {
        if (value < 0 || value >= bound) {
            throw outOfRange(value, bound);
        }
        decisions++;
        hash.mix(((long) bound << 32) | value);
        if (log != null) {
            log.append(value);
        }
    }

    /**
     * Records a scheduler pick (an index into the runnable fibers, when two or more could run): appended to
     * the decision log when recording. The step loop folds the pick into the trace hash together with the
     * step's result (one mix per step, see the scheduler) and counts picks as the steps with a choice, so
     * unlike {@link #record} this neither hashes nor counts. Called for every step with a choice: no
     * allocation, one branch.
     *
     * @param index the pick, &gt;= 0
     */
    public void recordPick(int index) {
        if (log != null) {
            log.append(index);
        }
    }

    /** @return true when {@link #recordPick} appends to a log (the step loop tests this once per block) */
    public boolean recordsPicks() {
        return log != null;
    }

    private static IllegalStateException outOfRange(int value, int bound) {
        return new IllegalStateException("decision " + value + " out of range [0, " + bound + ")");
    }

    /** @return the hash every decision and result is folded into */
    public TraceHash hash() {
        return hash;
    }

    /** @return the decisions recorded so far, or {@code null} when recording was off */
    public DecisionLog log() {
        return log;
    }

    /** @return how many decisions were made (recorded or not) */
    public long decisions() {
        return decisions;
    }
}
