package dev.whopper.cli;

import picocli.CommandLine;

/** Entry point of {@code whopper.jar}; the only place that calls {@code System.exit}. */
public final class Main {
    private Main() { }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(arguments(args)));
    }

    /**
     * Options without a subcommand are {@code run}'s: {@code whopper --seed 7} is {@code whopper run --seed 7}
     * (the top level's own {@code --help} and {@code --version} stay its own).
     *
     * @param args command-line arguments
     * @return the arguments picocli is given
     */
    public static String[] arguments(String... args) {
        if (args.length == 0 || !args[0].startsWith("-") || TOP_LEVEL_OPTIONS.contains(args[0])) {
            return args;
        }
        String[] withRun = new String[args.length + 1];
        withRun[0] = "run";
        System.arraycopy(args, 0, withRun, 1, args.length);
        return withRun;
    }

    private static final java.util.Set<String> TOP_LEVEL_OPTIONS = java.util.Set.of("-h", "--help", "-V", "--version");

    /** @return one line for a bad command line: an unknown command lists the commands */
    private static String message(CommandLine.ParameterException ex) {
        CommandLine c = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && c.getParent() == null
            && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + u.getUnmatched().get(0) + "' (expected: one of "
                + String.join(", ", c.getSubcommands().keySet()) + ")";
        }
        return ex.getMessage();
    }

    /** @return the configured command line (tests call {@code execute} on it) */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new WhopperCommand());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("whopper: " + message(ex));
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("whopper: internal error: " + ex);
            return 3;
        });
        return cl;
    }
}
