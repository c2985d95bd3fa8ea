package dev.whopper.sim.soak;

import java.util.Objects;

/**
 * The failures of one {@link Signature}: how many, the first (lowest) seed, and the smallest repro (fewest
 * steps, the shrunk run's when shrunk; ties to the lower seed). Merging two groups of one signature is exact.
 *
 * @param signature     the signature
 * @param kind          the outcome kind
 * @param count         failing seeds
 * @param firstSeed     the lowest failing seed
 * @param smallestSeed  the seed of the smallest repro
 * @param smallestSteps its steps
 * @param smallestDir   its failure directory, relative to its soak directory
 * @param smallestCommand its repro command
 */
public record FailureGroup(String signature, String kind, long count, long firstSeed, long smallestSeed, long smallestSteps,
                           String smallestDir, String smallestCommand) {
    public FailureGroup {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * @param r a failed seed
     * @return a group of it alone
     */
    public static FailureGroup of(SeedRecord r) {
        return new FailureGroup(r.signature(), r.kind(), 1, r.seed(), r.seed(), r.reproSteps(), r.failureDir(), r.command());
    }

    /**
     * @param o a group of the same signature
     * @return both together
     */
    public FailureGroup merge(FailureGroup o) {
        if (!o.signature.equals(signature)) {
            throw new IllegalArgumentException("signature: " + o.signature + " (expected: " + signature + ")");
        }
        boolean otherSmaller = o.smallestSteps < smallestSteps || (o.smallestSteps == smallestSteps && o.smallestSeed < smallestSeed);
        FailureGroup s = otherSmaller ? o : this;
        return new FailureGroup(signature, kind, count + o.count, Math.min(firstSeed, o.firstSeed), s.smallestSeed,
            s.smallestSteps, s.smallestDir, s.smallestCommand);
    }
}
