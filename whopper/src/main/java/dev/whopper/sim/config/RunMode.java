package dev.whopper.sim.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run mode ({@code --mode}): a bundle of defaults for the workload, the fault mode ({@code --faults}), the step
 * budget, the planned crashes and the steps they are drawn from ({@code --crash-window-steps}). An option given
 * explicitly overrides its mode default; the repro line prints the mode (unless it is {@code fast}) and every option
 * that differs from it. {@code fast} is exactly the defaults of a run without {@code --mode}, so pinned runs keep their
 * trace hashes. {@code campaign} has no fixed workload, faults or crashes: each seed draws its own
 * ({@link CampaignDraw}), so one list of seeds covers what several fixed configurations would.
 *
 * <table>
 *   <caption>The modes</caption>
 *   <tr><th>mode</th><th>workload</th><th>faults</th><th>steps</th><th>crashes</th><th>crash window</th></tr>
 *   <tr><td>fast</td><td>bank</td><td>none</td><td>100,000</td><td>0</td><td>the run's length</td></tr>
 *   <tr><td>chaos</td><td>bank</td><td>chaos</td><td>200,000</td><td>1</td><td>2,000 steps</td></tr>
 *   <tr><td>ragnarok</td><td>bank</td><td>ragnarok</td><td>300,000</td><td>3</td><td>2,000 steps</td></tr>
 *   <tr><td>recovery-heavy</td><td>bank</td><td>recovery-heavy</td><td>300,000</td><td>5</td><td>2,000 steps</td></tr>
 *   <tr><td>btree</td><td>btree-churn (512-byte pages, 16-page cache)</td><td>fast</td><td>200,000</td><td>1</td><td>1,000 steps</td></tr>
 *   <tr><td>campaign</td><td>drawn: mixed 1/2, checkpoint-storm 1/4, btree-churn 1/4</td><td>drawn: none or chaos, 1/2
 *   each</td><td>100,000</td><td>drawn: 0 (1/4), 1 (1/4), 2 (1/2)</td><td>the run's length</td></tr>
 * </table>
 */
public enum RunMode {
    /** Today's defaults: the bank, no faults, 100,000 steps, no crash. */
    FAST("fast", "bank", "none", 100_000, 0, RunConfig.DEFAULT_CRASH_WINDOW_STEPS),
    /** The bank under every fault at a low rate, with one crash. */
    CHAOS("chaos", "bank", "chaos", 200_000, 1, 2_000),
    /** The bank under ten times chaos's fault rates, with three crashes. */
    RAGNAROK("ragnarok", "bank", "ragnarok", 300_000, 3, 2_000),
    /** The bank under write-path faults (torn writes, sync failures), with five crashes: recovery code all the time. */
    RECOVERY_HEAVY("recovery-heavy", "bank", "recovery-heavy", 300_000, 5, 2_000),
    /** The B+tree churn on small pages and a small cache, with rare latency spikes and one crash. */
    BTREE("btree", "btree-churn", "fast", 200_000, 1, 1_000),
    /**
     * The default campaign of {@code whopper soak}: each seed draws its workload, fault mode and crashes
     * ({@link CampaignDraw}); 100,000 steps, crashes over the run's real length.
     */
    CAMPAIGN("campaign", null, null, 100_000, -1, RunConfig.DEFAULT_CRASH_WINDOW_STEPS);

    private final String spelling;
    private final String workload;
    private final String faults;
    private final long steps;
    private final int crashes;
    private final long crashWindowSteps;

    RunMode(String spelling, String workload, String faults, long steps, int crashes, long crashWindowSteps) {
        this.crashWindowSteps = crashWindowSteps;
        this.spelling = spelling;
        this.workload = workload;
        this.faults = faults;
        this.steps = steps;
        this.crashes = crashes;
    }

    /** @return the name {@code --mode} knows it by */
    public String spelling() {
        return spelling;
    }

    /** @return true when each seed draws the workload, fault mode and crashes ({@code campaign}) */
    public boolean drawsPerSeed() {
        return workload == null;
    }

    /**
     * @param seed a run's root seed
     * @return the mode's workload, fault mode and crashes for that seed: fixed, or drawn from the seed
     *         ({@link CampaignDraw}) in a mode that {@link #drawsPerSeed()}
     */
    public CampaignDraw.Choices defaults(long seed) {
        return drawsPerSeed() ? CampaignDraw.draw(seed) : new CampaignDraw.Choices(workload, faults, crashes, RunConfig.DEFAULT_STRATEGY);
    }

    /** @return its defaults for {@code whopper list}: the fixed ones, or how a seed draws them */
    public String describe() {
        if (drawsPerSeed()) {
            return String.format(Locale.ROOT, "each seed draws: %s; %,d steps", CampaignDraw.describe(), steps);
        }
        return String.format(Locale.ROOT, "workload %s, faults %s, %,d steps, %d crash%s", workload, faults, steps, crashes,
            crashes == 1 ? "" : "es");
    }

    /** @return its default step budget */
    public long steps() {
        return steps;
    }

    /**
     * @return its default {@code --crash-window-steps}: modes with crashes draw them from the first steps (2,000; btree:
     *         1,000) rather than over the run's measured length: three crashes under ragnarok's fault rates abandon so
     *         much work that the run can end before the last point drawn over its crash-free length (6 of 100 seeds)
     */
    public long crashWindowSteps() {
        return crashWindowSteps;
    }

    /** @return every mode's name, in listing order */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (RunMode m : values()) {
            out.add(m.spelling);
        }
        return out;
    }

    /**
     * @param name a mode name, in any case
     * @return the mode
     * @throws IllegalArgumentException ({@code "--mode: fastest (expected: one of fast, chaos, ragnarok, recovery-heavy,
     *                                  btree, campaign)"}) for an unknown name
     */
    public static RunMode byName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (RunMode m : values()) {
            if (m.spelling.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--mode: " + name + " (expected: one of " + String.join(", ", names()) + ")");
    }
}
