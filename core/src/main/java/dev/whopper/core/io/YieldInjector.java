package dev.whopper.core.io;

/**
 * Decides whether code at a {@link YieldPoint} returns {@code IOResult.io(Completion.yielded())}
 * ("let the others run, then call me again") instead of going on. Production code runs with
 * {@link #NONE}; a simulator installs a seeded injector to shake out re-entrancy bugs.
 */
@FunctionalInterface
public interface YieldInjector {
    /** Never yields. */
    YieldInjector NONE = point -> false;

    /**
     * @param point where the code is
     * @return true to yield here
     */
    boolean shouldYield(YieldPoint point);
}
