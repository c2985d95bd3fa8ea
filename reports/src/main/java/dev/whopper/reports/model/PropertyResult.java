package dev.whopper.reports.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * How a property fared, counted over the runs of a report (one of the three counts is 1 for a single run).
 *
 * @param name     the property's name
 * @param held     runs in which it was checked and held
 * @param violated runs in which it was violated
 * @param skipped  runs in which it was not checked (e.g. an end-of-run check of a run cut by its step budget):
 *                 never counted as held
 * @param detail   the violation's message (the first one), or why it was skipped, or {@code ""}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PropertyResult(String name, long held, long violated, long skipped, String detail) {
    /** A property's status in a report. */
    public enum Status {
        /** Checked and held in every run. */
        HELD,
        /** Violated in at least one run. */
        VIOLATED,
        /** Not violated, but not checked in at least one run. */
        SKIPPED
    }

    public PropertyResult {
        Objects.requireNonNull(name, "name");
        detail = detail == null ? "" : detail;
        if (held < 0 || violated < 0 || skipped < 0) {
            throw new IllegalArgumentException("counts: " + held + "/" + violated + "/" + skipped + " (expected: >= 0)");
        }
    }

    /**
     * @param name   the property
     * @param status how it fared in one run
     * @param detail the violation's message, why it was skipped, or ""
     * @return the result of one run
     */
    public static PropertyResult of(String name, Status status, String detail) {
        return new PropertyResult(name, status == Status.HELD ? 1 : 0, status == Status.VIOLATED ? 1 : 0,
            status == Status.SKIPPED ? 1 : 0, detail);
    }

    /** @return VIOLATED when violated in any run, else SKIPPED when skipped in any, else HELD */
    @JsonProperty("status")
    public Status status() {
        return violated > 0 ? Status.VIOLATED : skipped > 0 ? Status.SKIPPED : Status.HELD;
    }

    /**
     * @param other the same property in another report
     * @return the counts added (the first non-empty detail kept)
     */
    public PropertyResult plus(PropertyResult other) {
        return new PropertyResult(name, held + other.held, violated + other.violated, skipped + other.skipped,
            detail.isEmpty() ? other.detail : detail);
    }
}
