package dev.whopper.sim.sched;

/**
 * Who is to blame for an exception that escaped: the simulator (a tool bug, INTERNAL_ERROR) or the code
 * under test (a VIOLATION of {@link #UNCAUGHT_EXCEPTION}).
 */
public final class Blame {
    /** The built-in property an operation that throws (anything but an I/O failure) violates. */
    public static final String UNCAUGHT_EXCEPTION = "no-uncaught-exception";

    private Blame() {
    }

    /**
     * Tells a tool bug from a failure of the code under test by where the exception was thrown: the first
     * stack frame outside the JDK belongs to the simulator ({@code dev.whopper.sim} or its command line,
     * {@code dev.whopper.cli}). Workloads, the engine and user code are code under test wherever they live:
     * the rule names the simulator's packages, never a workload's.
     *
     * @param e an exception
     * @return true when the simulator threw it (also when no frame is outside the JDK)
     */
    public static boolean fromToolCode(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String c = frame.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                continue;
            }
            return c.startsWith("dev.whopper.sim.") || c.startsWith("dev.whopper.cli.");
        }
        return true;
    }
}
