package dev.whopper.sim.sched;

/**
 * An operation's description for a trace: its {@code toString()} when its class defines one (a workload's
 * operation saying what it does, e.g. its accounts and amount), else its kind: never
 * {@code Object.toString()}, whose identity hash would differ from run to run.
 */
final class Described {
    private static final ClassValue<Boolean> DESCRIBES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("toString").getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    private Described() { }

    /**
     * @param op an operation
     * @return what to show for it
     */
    static String of(dev.whopper.workloads.spi.Operation<?> op) {
        return DESCRIBES.get(op.getClass()) ? String.valueOf(op) : op.kind();
    }
}
