package dev.whopper.cli;

import dev.whopper.demo.AsyncDemo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code whopper demo}: the async-model demonstration. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "State machines writing and reading through MemoryIO with seeded completion order.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", description = "Seed of the completion order (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--machines", description = "Number of state machines (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int machines;

    @Override
    public Integer call() {
        if (machines <= 0) {
            throw new ParameterException(spec.commandLine(), "--machines: " + machines + " (expected: > 0)");
        }
        PrintWriter out = spec.commandLine().getOut();
        return AsyncDemo.run(seed, machines, out) ? 0 : 1;
    }
}
