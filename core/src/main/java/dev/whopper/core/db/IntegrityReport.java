package dev.whopper.core.db;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What an integrity check found ({@link Database#integrityReport()}).
 *
 * <p>A check that could not read a page because of a device error does not produce a report: it fails with
 * IO_ERROR, as any operation does, since a transient read error says nothing about the stored data. A page whose
 * checksum does not match is damage and is reported; {@link #corruptReads()} says where each such image was
 * read from, so a caller that knows which stored bits its disk flipped can tell damage a detected bit flip
 * explains ({@link #explainedBy}) from damage nothing explains. The problems that follow from an unreadable page
 * (the tree's pages below it not reached, so reported as lost) are part of the same report.
 *
 * @param problems        every problem found, for a person; empty when the database is healthy
 * @param corruptReads        where each page that failed its checksum was read from, each place once, in the order
 *                            found
 * @param unplacedCorruptions CORRUPT errors met while reading that name no place (a missing page, a page whose
 *                            structure is wrong although its checksum matches): damage no bit flip explains
 */
public record IntegrityReport(List<String> problems, List<PageSource> corruptReads, int unplacedCorruptions) {
    /** Copies the lists; checks the count. */
    public IntegrityReport {
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
        corruptReads = List.copyOf(Objects.requireNonNull(corruptReads, "corruptReads"));
        if (unplacedCorruptions < 0) {
            throw new IllegalArgumentException("unplacedCorruptions: " + unplacedCorruptions + " (expected: >= 0)");
        }
    }

    /** @return true when nothing was found */
    public boolean clean() {
        return problems.isEmpty();
    }

    /**
     * @param flipped whether a detected fault (a flipped stored bit) hit the bytes of a page image
     * @return true when the report found problems, at least one of them a page that failed its checksum, every
     *         CORRUPT finding is such a page read from a known place, and {@code flipped} explains each place: the damage (and what follows
     *         from it) is what the disk did, not what the engine did
     */
    public boolean explainedBy(Predicate<PageSource> flipped) {
        if (problems.isEmpty() || corruptReads.isEmpty() || unplacedCorruptions > 0) {
            return false;
        }
        for (PageSource s : corruptReads) {
            if (!flipped.test(s)) {
                return false;
            }
        }
        return true;
    }
}
