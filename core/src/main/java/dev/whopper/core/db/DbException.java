package dev.whopper.core.db;

import java.util.Objects;

/** A database operation failed; thrown from {@code StateMachine.step()}. */
public class DbException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The code. */
    private final DbError error;
    /** The message without the code prefix. */
    private final String detail;

    /**
     * @param error   the code
     * @param message what happened, for a person
     */
    public DbException(DbError error, String message) {
        super(error + ": " + message, null, true, captureStackTrace(error));
        this.error = Objects.requireNonNull(error, "error");
        this.detail = message;
    }

    /**
     * @param error   the code
     * @param message what happened
     * @param cause   the underlying failure
     */
    public DbException(DbError error, String message, Throwable cause) {
        super(error + ": " + message, cause, true, captureStackTrace(error));
        this.error = Objects.requireNonNull(error, "error");
        this.detail = message;
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

    /** @return the error code */
    public DbError error() {
        return error;
    }
}
