package dev.whopper.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code whopper} command; without a subcommand it runs {@code run} with its defaults. */
@Command(name = "whopper", mixinStandardHelpOptions = true, version = "whopper 0.1.0",
    description = "Deterministic multi-connection stress simulator for state-machine storage engines.",
    subcommands = {RunCommand.class, SoakCommand.class, DemoCommand.class})
public final class WhopperCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return spec.commandLine().getSubcommands().get("run").execute();
    }
}
