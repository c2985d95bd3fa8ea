package dev.whopper.sim.kernels;

import dev.whopper.sim.Simulation;
import dev.whopper.sim.engine.BankWorkload;
import java.util.ArrayList;
import java.util.List;

/** The built-in workloads by name: the engine's {@code bank} and its broken twins, the race kernels, their twins, and {@code disk-echo}. */
public final class Workloads {
    private Workloads() { }

    /** @return every built-in workload name, kernels first */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (BankWorkload.Variant v : BankWorkload.Variant.values()) {
            names.add(v.workloadName());
        }
        for (RaceKernel k : RaceKernel.values()) {
            names.add(k.workloadName());
        }
        names.add(DiskEcho.NAME);
        return names;
    }

    /**
     * @param name a workload name
     * @return the fewest connections it needs
     * @throws IllegalArgumentException for an unknown name
     */
    public static int minConnections(String name) {
        if (DiskEcho.NAME.equals(name) || BankWorkload.Variant.byName(name) != null) {
            return 1;
        }
        return kernel(name).minConnections();
    }

    /**
     * @param name        a workload name
     * @param connections number of fibers
     * @return a builder for it
     * @throws IllegalArgumentException for an unknown name or too few connections
     */
    public static Simulation.Builder<?> builder(String name, int connections) {
        if (DiskEcho.NAME.equals(name)) {
            return DiskEcho.builder(connections);
        }
        BankWorkload.Variant bank = BankWorkload.Variant.byName(name);
        if (bank != null) {
            return BankWorkload.builder(bank, connections, BankWorkload.DEFAULT_OPS_PER_FIBER, 0);
        }
        return kernel(name).builder(connections);
    }

    private static RaceKernel kernel(String name) {
        RaceKernel k = RaceKernel.byName(name);
        if (k == null) {
            throw new IllegalArgumentException(name + " (expected: one of " + String.join(", ", names()) + ")");
        }
        return k;
    }
}
