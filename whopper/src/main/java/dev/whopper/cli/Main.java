package dev.whopper.cli;

import picocli.CommandLine;

/** Entry point of {@code whopper.jar}; the only place that calls {@code System.exit}. */
public final class Main {
    private Main() { }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line (tests call {@code execute} on it) */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new WhopperCommand());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("whopper: " + ex.getMessage());
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("whopper: internal error: " + ex);
            return 3;
        });
        return cl;
    }
}
