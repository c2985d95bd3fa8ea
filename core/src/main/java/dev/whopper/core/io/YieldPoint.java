package dev.whopper.core.io;

/**
 * A named resumable boundary in engine or user code where a {@link YieldInjector} may force a yield.
 * Engines list theirs in one enum implementing this interface.
 */
public interface YieldPoint {
    /** @return a stable name, shown in traces */
    String name();
}
