package dev.whopper.cli;

import dev.whopper.sim.BuildInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code whopper} command. Without any argument it is the main job: {@code run} with its defaults,
 * writing the run's HTML report to {@link #MAIN_JOB_REPORT} and saying where it went.
 */
@Command(name = "whopper", mixinStandardHelpOptions = true, versionProvider = WhopperCommand.Version.class,
    description = "Deterministic multi-connection stress simulator for state-machine storage engines.",
    footer = {"", "Examples:",
        "  whopper --seed 7                                          # whopper run --seed 7",
        "  whopper soak --seeds 10000 --out soak-1                   # many seeds, in parallel",
        "  whopper replay soak-1/failures/seed-17                    # rerun a failure exactly",
        "  whopper list                                              # workloads, strategies, faults, options",
        "  whopper COMMAND --help                                    # each command's options and examples"},
    subcommands = {RunCommand.class, SoakCommand.class, ReplayCommand.class, ShrinkCommand.class, ReportCommand.class,
        CheckHistoryCommand.class, ListCommand.class, DemoCommand.class})
public final class WhopperCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code --version}: the version and the git commit this build came from ({@link BuildInfo}). */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.describe()};
        }
    }

    /** Where the main job ({@code whopper} without arguments) writes its HTML report, relative to the working directory. */
    public static final String MAIN_JOB_REPORT = "whopper-report.html";

    @Override
    public Integer call() {
        return spec.commandLine().getSubcommands().get("run").execute("--report", MAIN_JOB_REPORT);
    }
}
