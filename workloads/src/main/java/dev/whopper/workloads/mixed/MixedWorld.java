package dev.whopper.workloads.mixed;

import dev.whopper.workloads.dbclient.WorkloadPart;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.workloads.spi.WeightedMix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared state of one {@code mixed} run: the parts (each an engine workload's world, on its own database file)
 * and, per fiber, how many operations of each part it still has to hand out.
 */
final class MixedWorld {
    final List<WorkloadPart> parts;
    /** Per part, operations per fiber (0: the seed's draw left it out). */
    final int[] opsPerFiber;
    /** Per fiber and part, operations still to hand out by the weighted mix. */
    private final int[][] remaining;
    private final WeightedMix mix;

    MixedWorld(List<WorkloadPart> parts, int[] opsPerFiber, int[] weights, int fibers) {
        this.parts = List.copyOf(parts);
        this.opsPerFiber = opsPerFiber.clone();
        this.remaining = new int[fibers][];
        for (int f = 0; f < fibers; f++) {
            remaining[f] = opsPerFiber.clone();
        }
        this.mix = new WeightedMix(weights);
    }

    /**
     * A fiber's program: each operation comes from a part drawn by the weighted mix (the next part with operations
     * left when the drawn one has none); when the fiber has handed out its share of every part, it drains each
     * part's program in turn (operations a crash gave back, and the part's final verification).
     */
    FiberProgram program(FiberContext ctx) {
        int id = ctx.id();
        List<FiberProgram> programs = new ArrayList<>(parts.size());
        for (WorkloadPart p : parts) {
            programs.add(p.program(ctx));
        }
        FiberContext weights = new UnitWeights(ctx);
        return () -> {
            int[] left = remaining[id];
            int total = 0;
            for (int n : left) {
                total += n;
            }
            if (total > 0) {
                int i = mix.pick(weights);
                for (int k = 0; left[i] == 0 && k < left.length; k++) {
                    i = (i + 1) % left.length;
                }
                left[i]--;
                Operation<?> op = programs.get(i).next();
                if (op != null) {
                    return op;
                }
            }
            for (FiberProgram p : programs) {
                Operation<?> op = p.next();
                if (op != null) {
                    return op;
                }
            }
            return null;
        };
    }

    List<Property> properties() {
        List<Property> all = new ArrayList<>();
        for (WorkloadPart p : parts) {
            all.addAll(p.properties());
        }
        return all;
    }

    void crashed() {
        for (WorkloadPart p : parts) {
            p.crashed();
        }
    }

    Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            out.put(parts.get(i).name() + ".ops-per-fiber", (long) opsPerFiber[i]);
        }
        for (WorkloadPart p : parts) {
            for (Map.Entry<String, Long> e : p.counters().entrySet()) {
                out.put(p.name() + "." + e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
