package dev.whopper.core.db;

import java.util.Objects;

/** A database operation failed; thrown from {@code StateMachine.step()}. */
public class DbException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final DbError error;
    private final String detail;

    /**
     * @param error   the code
     * @param message what happened, for a person
     */
    public DbException(DbError error, String message) {
        super(error + ": " + message);
        this.error = Objects.requireNonNull(error, "error");
        this.detail = message;
    }

    /**
     * @param error   the code
     * @param message what happened
     * @param cause   the underlying failure
     */
    public DbException(DbError error, String message, Throwable cause) {
        super(error + ": " + message, cause);
        this.error = Objects.requireNonNull(error, "error");
        this.detail = message;
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
