package dev.whopper.sim.kernels;

import dev.whopper.sim.Simulation;
import java.util.ArrayList;
import java.util.List;

/** The built-in workloads by name: the race kernels, their twins, and {@code disk-echo}. */
public final class Workloads {
    private Workloads() { }

    /** @return every built-in workload name, kernels first */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
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
        if (DiskEcho.NAME.equals(name)) {
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
