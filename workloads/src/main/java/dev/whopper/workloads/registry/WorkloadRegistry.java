package dev.whopper.workloads.registry;

import dev.whopper.workloads.bank.BankWorkload;
import dev.whopper.workloads.checkpoint.StormWorkload;
import dev.whopper.workloads.churn.ChurnWorkload;
import dev.whopper.workloads.counter.CounterWorkload;
import dev.whopper.workloads.echo.DiskEcho;
import dev.whopper.workloads.elle.ElleWorkload;
import dev.whopper.workloads.history.Model;
import dev.whopper.workloads.kernels.RaceKernel;
import dev.whopper.workloads.kv.KvWorkload;
import dev.whopper.workloads.mixed.MixedWorkload;
import dev.whopper.workloads.spi.Workload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The built-in workloads by name, in the order {@code whopper list} shows them. Adding a workload is one
 * class implementing {@link Workload} and one line in {@link #builtIns()}.
 */
public final class WorkloadRegistry {
    private static final List<Workload<?>> BUILT_INS = Collections.unmodifiableList(builtIns());

    private WorkloadRegistry() { }

    private static List<Workload<?>> builtIns() {
        List<Workload<?>> all = new ArrayList<>();
        for (BankWorkload.Variant v : BankWorkload.Variant.values()) {
            all.add(BankWorkload.of(v));
        }
        all.add(StormWorkload.of());
        all.add(ChurnWorkload.of());
        for (RaceKernel k : RaceKernel.values()) {
            all.add(k.workload());
        }
        all.add(KvWorkload.of());
        all.add(CounterWorkload.of());
        all.add(MixedWorkload.of());
        all.add(ElleWorkload.of(Model.LIST_APPEND));
        all.add(ElleWorkload.of(Model.RW_REGISTER));
        all.add(DiskEcho.WORKLOAD);
        return all;
    }

    /** @return every built-in workload (immutable, stateless descriptions shared by all runs) */
    public static List<Workload<?>> all() {
        return BUILT_INS;
    }

    /** @return every built-in workload's name */
    public static List<String> names() {
        List<String> names = new ArrayList<>(BUILT_INS.size());
        for (Workload<?> w : BUILT_INS) {
            names.add(w.name());
        }
        return names;
    }

    /**
     * @param name a workload name, as {@link Workload#name()} spells it
     * @return the workload
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Workload<?> byName(String name) {
        Objects.requireNonNull(name, "name");
        for (Workload<?> w : BUILT_INS) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException(name + " (expected: one of " + String.join(", ", names()) + ")");
    }
}
