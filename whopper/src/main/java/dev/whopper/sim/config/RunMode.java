package dev.whopper.sim.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run mode ({@code --mode}): a bundle of defaults for the workload, the fault mode ({@code --faults}), the step
 * budget and the planned crashes. An option given explicitly overrides its mode default; the repro line prints the
 * mode (unless it is {@code fast}) and every option that differs from it. {@code fast} is exactly the defaults of a
 * run without {@code --mode}, so pinned runs keep their trace hashes.
 *
 * <table>
 *   <caption>The modes</caption>
 *   <tr><th>mode</th><th>workload</th><th>faults</th><th>steps</th><th>crashes</th></tr>
 *   <tr><td>fast</td><td>bank</td><td>none</td><td>100,000</td><td>0</td></tr>
 *   <tr><td>chaos</td><td>bank</td><td>chaos</td><td>200,000</td><td>1</td></tr>
 *   <tr><td>ragnarok</td><td>bank</td><td>ragnarok</td><td>300,000</td><td>3</td></tr>
 *   <tr><td>recovery-heavy</td><td>bank</td><td>recovery-heavy</td><td>300,000</td><td>5</td></tr>
 *   <tr><td>btree</td><td>btree-churn (512-byte pages, 16-page cache)</td><td>fast</td><td>200,000</td><td>1</td></tr>
 * </table>
 */
public enum RunMode {
    /** Today's defaults: the bank, no faults, 100,000 steps, no crash. */
    FAST("fast", "bank", "none", 100_000, 0),
    /** The bank under every fault at a low rate, with one crash. */
    CHAOS("chaos", "bank", "chaos", 200_000, 1),
    /** The bank under ten times chaos's fault rates, with three crashes. */
    RAGNAROK("ragnarok", "bank", "ragnarok", 300_000, 3),
    /** The bank under write-path faults (torn writes, sync failures), with five crashes: recovery code all the time. */
    RECOVERY_HEAVY("recovery-heavy", "bank", "recovery-heavy", 300_000, 5),
    /** The B+tree churn on small pages and a small cache, with rare latency spikes and one crash. */
    BTREE("btree", "btree-churn", "fast", 200_000, 1);

    private final String spelling;
    private final String workload;
    private final String faults;
    private final long steps;
    private final int crashes;

    RunMode(String spelling, String workload, String faults, long steps, int crashes) {
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

    /** @return its default workload */
    public String workload() {
        return workload;
    }

    /** @return its default fault mode ({@code --faults}) */
    public String faults() {
        return faults;
    }

    /** @return its default step budget */
    public long steps() {
        return steps;
    }

    /** @return its default number of planned crashes */
    public int crashes() {
        return crashes;
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
     *                                  btree)"}) for an unknown name
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
