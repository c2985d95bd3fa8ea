package dev.whopper.bench;

/**
 * The cheapest step a scheduler of many fibers could take, the yardstick for {@link ManyFibers}' ratio: pick
 * a uniformly random one of N fibers, read and write its state and its operation, do a fixed amount of
 * work that depends on that state, and let the next pick wait for this step (as a scheduler's next pick
 * waits for the runnable set this step changed). Nothing else: no runnable set, no timers, no trace.
 *
 * <p>A fiber here is a 112-byte state object and a 24-byte operation object in a parallel array, the sizes of
 * the scheduler's {@code Fiber} and of the {@code sleep} workload's operation, allocated one after the other.
 * With few fibers everything stays in the caches; with 100,000 (some 14 MB) each step waits for a random
 * line from memory. So the ratio of a step at many fibers to a step at few, for work that costs at few
 * fibers what a scheduler's step costs, is what the memory of the machine at hand allows at best: the
 * scheduler's own ratio cannot be much below it.
 */
final class StepFloor {
    /** 112 bytes with compressed references, as the scheduler's fiber. */
    @SuppressWarnings("unused")
    static final class State {
        long s0;
        long s1;
        long s2;
        long s3;
        long startNanos;
        long wakeNanos;
        long ops;
        int id;
        int kind;
        int yields;
        int phase;
        Object program;
        Object blockedOn;
        Object sleep;
        Object owner;
        Object kindName;
        Object lastYield;
    }

    /** 24 bytes, as the {@code sleep} workload's operation. */
    static final class Op {
        State ctx;
        int x;
        boolean flag;
    }

    private final State[] fibers;
    private final Op[] ops;
    private int work;
    private long random = 0x9E37_79B9_7F4A_7C15L;
    private int carry;
    /** Where each run's result goes, so that the JIT cannot drop the work. */
    long sink;

    /**
     * @param fibers how many fibers, &gt; 0
     * @param work   work iterations per step, &gt;= 0 (see {@link #calibrate})
     */
    StepFloor(int fibers, int work) {
        if (fibers <= 0) {
            throw new IllegalArgumentException("fibers: " + fibers + " (expected: > 0)");
        }
        this.fibers = new State[fibers];
        this.ops = new Op[fibers];
        for (int i = 0; i < fibers; i++) {
            State s = new State();
            s.id = i;
            Op op = new Op();
            op.ctx = s;
            op.x = i;
            this.fibers[i] = s;
            this.ops[i] = op;
        }
        work(work);
    }

    /** @return fibers */
    int fibers() {
        return fibers.length;
    }

    /** @return work iterations per step */
    int work() {
        return work;
    }

    /** @param work work iterations per step, &gt;= 0 */
    void work(int work) {
        if (work < 0) {
            throw new IllegalArgumentException("work: " + work + " (expected: >= 0)");
        }
        this.work = work;
    }

    /**
     * Takes {@code steps} steps.
     *
     * @param steps how many
     */
    void run(long steps) {
        final State[] fibers = this.fibers;
        final Op[] ops = this.ops;
        final int n = fibers.length;
        final int work = this.work;
        long r = random;
        int c = carry;
        long h = 0;
        for (long i = 0; i < steps; i++) {
            r ^= r << 13;
            r ^= r >>> 7;
            r ^= r << 17;
            int index = (int) (((r >>> 33) * n) >>> 31) ^ c; // c is 0, but only known once the last step's fiber is read
            State f = fibers[index];
            Op op = ops[index];
            op.flag = !op.flag;
            long x = f.s0 ^ op.x;
            for (int k = 0; k < work; k++) {
                x = x * 0x9E37_79B9_7F4A_7C15L + k;
            }
            f.s0 = x;
            f.ops++;
            h += x;
            c = (int) (f.startNanos >>> 40); // never written: 0
        }
        random = r;
        carry = c;
        sink += h;
    }

    /**
     * Sets the work per step so that a step costs about {@code targetNanosPerStep} of this thread's CPU time:
     * after warming the loop up with some work (so that it is compiled as it runs later), the work is doubled
     * until a step costs at least the target, then the interval is halved, each trial a run of {@code steps}.
     *
     * @param targetNanosPerStep the cost wanted, &gt; 0
     * @param steps              steps per trial run, &gt; 0
     * @return the work iterations chosen
     */
    int calibrate(double targetNanosPerStep, long steps) {
        if (!(targetNanosPerStep > 0) || steps <= 0) {
            throw new IllegalArgumentException("target " + targetNanosPerStep + " ns, steps " + steps + " (expected: > 0)");
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 5; warm++) {
            nanosPerStep(threads, 64, steps);
        }
        int low = 0;
        int high = 1;
        while (high < (1 << 20) && nanosPerStep(threads, high, steps) < targetNanosPerStep) {
            low = high;
            high *= 2;
        }
        while (high - low > 1) {
            int mid = (low + high) >>> 1;
            if (nanosPerStep(threads, mid, steps) < targetNanosPerStep) {
                low = mid;
            } else {
                high = mid;
            }
        }
        work(high);
        return high;
    }

    private double nanosPerStep(java.lang.management.ThreadMXBean threads, int work, long steps) {
        work(work);
        long cpu0 = threads.getCurrentThreadCpuTime();
        run(steps);
        return (double) (threads.getCurrentThreadCpuTime() - cpu0) / steps;
    }
}
