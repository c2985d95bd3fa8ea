package dev.whopper.sim.config;

import dev.whopper.core.io.RandomSource;
import dev.whopper.sim.random.RandomStreams;
import java.util.Objects;

/**
 * The {@code campaign} mode's per-seed configuration, FoundationDB/VOPR style: every seed draws its own workload,
 * fault mode, crashes and scheduling strategy from its own PRNG stream ({@value RandomStreams#CAMPAIGN}), so one list of seeds covers the
 * fault-free concurrency runs, the fault and recovery runs and the checkpoint and B+tree stress runs that a set of
 * fixed configurations would. The draw is a pure function of the seed (the same seed always draws the same
 * configuration, and the draw changes none of the run's other streams).
 *
 * <table>
 *   <caption>The draw</caption>
 *   <tr><th>choice</th><th>values (probability)</th></tr>
 *   <tr><td>workload</td><td>mixed (1/2), checkpoint-storm (1/4), btree-churn (1/4)</td></tr>
 *   <tr><td>fault mode</td><td>none (1/2), chaos (1/2)</td></tr>
 *   <tr><td>crashes</td><td>0 (1/4), 1 (1/4), 2 (1/2)</td></tr>
 *   <tr><td>strategy</td><td>random, pct:3, pos, swarm (1/4 each)</td></tr>
 * </table>
 *
 * <p>Why these: {@code mixed} runs bank, kv-model and counter at once (isolation, model and lost-update oracles);
 * {@code checkpoint-storm} is the only workload whose progress property sees a lock kept after an error;
 * {@code btree-churn} forces splits, merges and freelist reuse. Faults and crashes are drawn apart, so some seeds
 * crash without injected I/O faults (recovery alone) and half run without faults (a concurrency bug shows without
 * the noise of fault paths); two crashes are the most likely, since a second crash right after a recovery is where
 * recovery bugs show. The strategy is drawn last (so adding it kept every seed's workload, faults and crashes):
 * each strategy finds orderings the others rarely reach (in the mutant scoreboard over this campaign, a reader
 * registering its snapshot late was found only by pos and swarm, a checkpoint ignoring a failed sync only by
 * pct:3), and round-robin, which found nothing the others missed, is left out.
 */
public final class CampaignDraw {
    private CampaignDraw() {
    }

    /** A choice the campaign draws from the seed when the command line does not give it. */
    public enum Choice {
        /** {@code --workload} */
        WORKLOAD,
        /** {@code --faults} */
        FAULTS,
        /** {@code --crashes} */
        CRASHES,
        /** {@code --strategy} */
        STRATEGY
    }

    /** The strategies a campaign seed draws from, each with probability 1/4. */
    static final String[] STRATEGIES = {"random", "pct:3", "pos", "swarm"};

    /**
     * A mode's workload, fault mode, crashes and strategy for one seed.
     *
     * @param workload a built-in workload's name
     * @param faults   a fault mode ({@code --faults})
     * @param crashes  planned crashes, &gt;= 0
     * @param strategy a strategy ({@code --strategy}), as it is spelled on the command line
     */
    public record Choices(String workload, String faults, int crashes, String strategy) {
        public Choices {
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(faults, "faults");
            Objects.requireNonNull(strategy, "strategy");
            if (crashes < 0) {
                throw new IllegalArgumentException("crashes: " + crashes + " (expected: >= 0)");
            }
        }
    }

    /**
     * @param seed a run's root seed
     * @return the configuration that seed runs in the campaign
     */
    public static Choices draw(long seed) {
        RandomSource r = new RandomStreams(seed).stream(RandomStreams.CAMPAIGN);
        int w = r.nextInt(4);
        String workload = w < 2 ? "mixed" : w == 2 ? "checkpoint-storm" : "btree-churn";
        String faults = r.nextInt(2) == 0 ? "none" : "chaos";
        int crashes = Math.min(2, r.nextInt(4));
        String strategy = STRATEGIES[r.nextInt(STRATEGIES.length)];
        return new Choices(workload, faults, crashes, strategy);
    }

    /** @return the draw in one line, for {@code whopper list} and help texts */
    public static String describe() {
        return "workload mixed 1/2, checkpoint-storm 1/4, btree-churn 1/4; faults none or chaos, 1/2 each; "
            + "crashes 0 1/4, 1 1/4, 2 1/2; strategy random, pct:3, pos or swarm, 1/4 each";
    }
}
