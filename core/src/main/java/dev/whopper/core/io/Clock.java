package dev.whopper.core.io;

/** Time as the engine sees it. A simulator supplies a virtual clock. */
@FunctionalInterface
public interface Clock {
    /** @return monotonic time in nanoseconds (origin unspecified) */
    long nowNanos();

    /** The JVM's monotonic clock, for production backends. */
    Clock SYSTEM = System::nanoTime;
}
