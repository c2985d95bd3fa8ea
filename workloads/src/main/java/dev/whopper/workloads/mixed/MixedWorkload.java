package dev.whopper.workloads.mixed;

import dev.whopper.workloads.bank.BankWorkload;
import dev.whopper.workloads.counter.CounterWorkload;
import dev.whopper.workloads.dbclient.WorkloadPart;
import dev.whopper.workloads.kv.KvWorkload;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Workload;
import dev.whopper.workloads.spi.WorldContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code mixed}: the default weighted mix of the engine workloads, all at once on one simulated disk (each on its
 * own database file, so crashes, faults and the scheduler hit them together), each checking its own properties.
 *
 * <p>The mix: bank 30, kv-model 40, counter 30 (of {@value #DEFAULT_OPS_PER_FIBER} operations per fiber). Under
 * the swarm strategy each seed scales the three weights by its draw (workload weights 5, 6 and 7, see
 * {@link WorldContext#workloadWeight}): a part's share of the operations is its scaled weight over their sum, so a
 * part whose weight is drawn 0 is left out of that seed, and each fiber interleaves the parts by the same scaled
 * weights. When every scaled weight is 0 the base mix is used.
 */
public final class MixedWorkload {
    /** The workload name. */
    public static final String NAME = "mixed";
    /** Operations per fiber, over all parts. */
    public static final int DEFAULT_OPS_PER_FIBER = 60;
    /** Base weights of bank, kv-model and counter. */
    static final int[] BASE = {30, 40, 30};
    private static final List<BiFunction<WorldContext, Integer, WorkloadPart>> PARTS = List.of(
        BankWorkload::part, KvWorkload::part, CounterWorkload::part);

    private MixedWorkload() { }

    /**
     * @param opsPerFiber operations per connection over all parts, &gt; 0
     * @return the workload
     */
    public static Workload<?> of(int opsPerFiber) {
        return new Mixed(opsPerFiber);
    }

    /** @return the workload with {@value #DEFAULT_OPS_PER_FIBER} operations per connection */
    public static Workload<?> of() {
        return of(DEFAULT_OPS_PER_FIBER);
    }

    /**
     * Each part's share of the operations for a run's weights.
     *
     * @param ctx         the run's context (its weights {@value UnitWeights#OFFSET} onwards scale the base mix)
     * @param opsPerFiber operations per fiber over all parts
     * @return per part, operations per fiber (they add up to {@code opsPerFiber})
     */
    static int[] shares(WorldContext ctx, int opsPerFiber) {
        long[] scaled = new long[BASE.length];
        long sum = 0;
        for (int i = 0; i < BASE.length; i++) {
            long scale = Math.max(0, Math.min(100, Math.round(ctx.workloadWeight(UnitWeights.OFFSET + i) * 100)));
            scaled[i] = BASE[i] * scale;
            sum += scaled[i];
        }
        if (sum == 0) {
            for (int i = 0; i < BASE.length; i++) {
                scaled[i] = BASE[i];
                sum += BASE[i];
            }
        }
        int[] out = new int[BASE.length];
        int given = 0;
        int largest = 0;
        for (int i = 0; i < BASE.length; i++) {
            out[i] = (int) (opsPerFiber * scaled[i] / sum);
            given += out[i];
            largest = scaled[i] > scaled[largest] ? i : largest;
        }
        out[largest] += opsPerFiber - given; // rounding goes to the heaviest part
        return out;
    }

    private record Mixed(int opsPerFiber) implements Workload<MixedWorld> {
        Mixed {
            if (opsPerFiber <= 0) {
                throw new IllegalArgumentException("opsPerFiber: " + opsPerFiber + " (expected: > 0)");
            }
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "the engine workloads at once (bank 30, kv-model 40, counter 30 of every 100 operations, each on its "
                + "own database); swarm draws the weights per seed; every part's properties";
        }

        @Override
        public boolean usesDisk() {
            return true;
        }

        @Override
        public MixedWorld createWorld(WorldContext ctx) {
            int[] shares = shares(ctx, opsPerFiber);
            List<WorkloadPart> parts = new ArrayList<>();
            List<Integer> ops = new ArrayList<>();
            List<Integer> weights = new ArrayList<>();
            for (int i = 0; i < PARTS.size(); i++) {
                if (shares[i] > 0) {
                    parts.add(PARTS.get(i).apply(ctx, shares[i]));
                    ops.add(shares[i]);
                    weights.add(shares[i]);
                }
            }
            int[] opsArray = ops.stream().mapToInt(Integer::intValue).toArray();
            return new MixedWorld(parts, opsArray, weightsOf(weights), ctx.connections());
        }

        /** The parts' draw weights are their shares: the scaled mix, with no second scaling by the fiber's weights. */
        private static int[] weightsOf(List<Integer> shares) {
            return shares.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public FiberProgram program(MixedWorld world, FiberContext ctx) {
            return world.program(ctx);
        }

        @Override
        public List<Property> properties(MixedWorld world) {
            return world.properties();
        }

        @Override
        public List<String> propertyNames() {
            LinkedHashSet<String> names = new LinkedHashSet<>();
            names.addAll(BankWorkload.of(BankWorkload.Variant.CORRECT).propertyNames());
            names.addAll(KvWorkload.propertyNames());
            names.addAll(CounterWorkload.propertyNames());
            return List.copyOf(names);
        }

        @Override
        public CrashRecovery<MixedWorld> crashRecovery() {
            return MixedWorld::crashed;
        }

        @Override
        public Map<String, Long> counters(MixedWorld world) {
            return world.counters();
        }
    }
}
