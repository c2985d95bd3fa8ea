package dev.whopper.core.db;

import java.util.Objects;

/** A database operation failed; thrown from {@code StateMachine.step()}. */
public class DbException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The code. */
    private final DbError error;
    /** The message without the code prefix. */
    private final String detail;
    /** Where the bad bytes were read from, when known (a checksum mismatch of a page image), else null. */
    private final PageSource source;

    /**
     * @param error   the code
     * @param message what happened, for a person
     */
    public DbException(DbError error, String message) {
        this(error, message, null, null);
    }

    /**
     * @param error   the code
     * @param message what happened
     * @param cause   the underlying failure
     */
    public DbException(DbError error, String message, Throwable cause) {
        this(error, message, cause, cause instanceof DbException de ? de.source : null);
    }

    /**
     * @param error   the code
     * @param message what happened
     * @param cause   the underlying failure, or null
     * @param source  where the bad bytes were read from, or null when unknown
     */
    public DbException(DbError error, String message, Throwable cause, PageSource source) {
        super(error + ": " + message, cause, true, captureStackTrace(error));
        this.error = Objects.requireNonNull(error, "error");
        this.detail = message;
        this.source = source;
    }

    /**
     * BUSY and BUSY_SNAPSHOT are routine outcomes under contention (a simulation with 64 connections
     * raises thousands per second), so they carry no stack trace: filling one in costs microseconds and
     * says nothing the code does not.
     */
    private static boolean captureStackTrace(DbError error) {
        return error != DbError.BUSY && error != DbError.BUSY_SNAPSHOT;
    }

    /** @return the message without the code prefix */
    public String detail() {
        return detail;
    }

    /**
     * @return where the bytes that failed their check were read from (a page image of the database file or of a
     *         WAL frame), or null when unknown or not a corruption of stored bytes
     */
    public PageSource source() {
        return source;
    }

    /** @return the error code */
    public DbError error() {
        return error;
    }
}
