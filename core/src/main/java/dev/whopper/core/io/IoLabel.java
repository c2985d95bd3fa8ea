package dev.whopper.core.io;

import java.util.Objects;

/**
 * The label a backend gives the completion of a file request: what, where, how much. Holds the parts and
 * formats only in {@link #text()}.
 *
 * <p>Texts: {@code "read 4096 bytes at offset 8192 of bank.db"}, {@code "write 4120 bytes at offset 32 of
 * bank.db-wal"}, {@code "sync of bank.db-wal"}, {@code "truncate of bank.db-wal to 0 bytes"},
 * {@code "timer of 20000 ns"}.
 *
 * @param kind   READ, WRITE, SYNC, TRUNCATE or TIMER
 * @param path   the file ({@code null} for a TIMER)
 * @param offset where a read or write starts, the new length of a truncation, else 0
 * @param length bytes read or written, the delay of a TIMER, else 0
 */
public record IoLabel(CompletionKind kind, String path, long offset, long length) implements CompletionLabel {
    /** @throws NullPointerException when {@code kind} is null */
    public IoLabel {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String text() {
        return format(kind, path, offset, length);
    }

    /**
     * The text of a request's label, for backends that keep the parts in an object of their own.
     *
     * @param kind   READ, WRITE, SYNC, TRUNCATE or TIMER (any other kind is printed by name)
     * @param path   the file, or {@code null} for a TIMER
     * @param offset where a read or write starts, the new length of a truncation, else ignored
     * @param length bytes read or written, the delay of a TIMER, else ignored
     * @return the text, as in the class description
     */
    public static String format(CompletionKind kind, String path, long offset, long length) {
        return switch (kind) {
            case READ -> "read " + length + " bytes at offset " + offset + " of " + path;
            case WRITE -> "write " + length + " bytes at offset " + offset + " of " + path;
            case SYNC -> "sync of " + path;
            case TRUNCATE -> "truncate of " + path + " to " + offset + " bytes";
            case TIMER -> "timer of " + length + " ns";
            default -> kind + " of " + path;
        };
    }
}
