package dev.whopper.cli;

import dev.whopper.sim.Simulation;
import dev.whopper.sim.config.RunConfig;
import dev.whopper.sim.config.RunMode;
import dev.whopper.sim.io.FaultConfig;
import dev.whopper.sim.io.FaultKind;
import dev.whopper.workloads.registry.WorkloadRegistry;
import dev.whopper.workloads.spi.Workload;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code whopper list}: what a run can be made of: the workloads with their properties (from
 * {@link WorkloadRegistry}), the strategies, the run modes, the fault modes with each fault kind's rate, and every run option
 * with its default (read from {@link RunConfig.Options}, the one place they are defined).
 */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"List workloads, properties, strategies, fault modes and every run option with its default.", ""},
    footer = {"", "Examples:", "  whopper list", "  whopper list | grep -A3 '^  bank'"})
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The strategies, as {@code --strategy} spells them, and what each does. */
    static final String[][] STRATEGIES = {
        {"random", "a uniformly random runnable connection at every step (default)"},
        {"rr", "round-robin over the runnable connections"},
        {"pct:D", "PCT: random priorities with D-1 priority change points over the run's real length (pct = pct:3)"},
        {"pos", "partial-order sampling: priorities re-drawn at every step"},
        {"swarm", "each seed draws its own fault rates, workload weights and strategy"},
    };

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("workloads (--workload):");
        for (Workload<?> w : WorkloadRegistry.all()) {
            out.println("  " + w.name() + " - " + w.description());
            out.println("      connections: default " + w.defaultConnections() + ", at least " + w.minConnections()
                + "; disk: " + (w.usesDisk() ? "yes" : "no") + "; crashes (--crashes): "
                + (w.crashRecovery() == null ? "no" : "yes"));
            out.println("      properties: " + (w.propertyNames().isEmpty() ? "(none)" : String.join(", ", w.propertyNames())));
        }
        out.println();
        out.println("strategies (--strategy):");
        for (String[] s : STRATEGIES) {
            out.printf(Locale.ROOT, "  %-8s %s%n", s[0], s[1]);
        }
        out.println();
        out.println("run modes (--mode): defaults of --workload, --faults, --steps and --crashes");
        for (RunMode m : RunMode.values()) {
            out.printf(Locale.ROOT, "  %-16s %s%n", m.spelling(), m.describe());
        }
        out.println();
        faultModes(out);
        out.println();
        out.println("run options (whopper run, soak, replay --seed) and their defaults:");
        for (OptionSpec o : CommandSpec.forAnnotatedObject(new RunConfig.Options()).options()) {
            out.printf(Locale.ROOT, "  %-26s %s%n", o.longestName(), String.join(" ", o.description())
                .replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue())));
        }
        out.flush();
        return 0;
    }

    private static void faultModes(PrintWriter out) {
        out.println("fault modes (--faults) and each fault kind's rate per I/O request (--faults-off KIND,... switches one off):");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-18s", "kind"));
        for (String m : Simulation.FAULT_MODES) {
            head.append(String.format(Locale.ROOT, " %14s", m));
        }
        out.println(head);
        for (FaultKind k : FaultKind.values()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-18s", RunConfig.spelling(k)));
            for (String m : Simulation.FAULT_MODES) {
                row.append(String.format(Locale.ROOT, " %14s", rate(Simulation.faultMode(m), k)));
            }
            out.println(row);
        }
    }

    private static String rate(FaultConfig f, FaultKind k) {
        double r = f.rate(k);
        return new java.math.BigDecimal(Double.toString(r)).stripTrailingZeros().toPlainString();
    }
}
