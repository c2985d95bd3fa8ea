package dev.whopper.core.io;

import java.util.List;

/**
 * An open file of an {@link IO}. Every operation takes the completion to finish and returns it, so a
 * state machine can write {@code return IOResult.io(file.pread(pos, Completion.read(buf, null)));}.
 * Operations never block: their data effect and the completion happen later, inside {@link IO#poll()}
 * (or at once for an immediate backend). Failures are reported through the completion, never thrown,
 * except for misuse (a completion of the wrong kind).
 */
public interface File {
    /** @return the path this file was opened with */
    String path();

    /**
     * Reads {@code c.buffer().length} bytes at {@code offset}. Fewer bytes available (for example past the
     * end of the file) fails the completion with {@link ErrorCode#SHORT_READ}.
     *
     * @param offset byte offset, &gt;= 0
     * @param c      a READ completion
     * @return {@code c}
     */
    Completion pread(long offset, Completion c);

    /**
     * Writes {@code data} at {@code offset}, extending the file when needed. The array must not be
     * modified until the completion finishes. By default, {@link #pwritev} of the one buffer.
     *
     * @param offset byte offset, &gt;= 0
     * @param data   the bytes
     * @param c      a WRITE completion; its result is the number of bytes written
     * @return {@code c}
     */
    default Completion pwrite(long offset, byte[] data, Completion c) {
        return pwritev(offset, List.of(data), c);
    }

    /**
     * Writes several buffers back to back starting at {@code offset}, as one request.
     *
     * @param offset  byte offset, &gt;= 0
     * @param buffers the buffers, in file order
     * @param c       a WRITE completion; its result is the total number of bytes written
     * @return {@code c}
     */
    Completion pwritev(long offset, List<byte[]> buffers, Completion c);

    /**
     * Makes every write that completed before this sync durable.
     *
     * @param c a SYNC completion
     * @return {@code c}
     */
    Completion sync(Completion c);

    /**
     * Sets the file's length.
     *
     * @param length new length in bytes, &gt;= 0
     * @param c      a TRUNCATE completion
     * @return {@code c}
     */
    Completion truncate(long length, Completion c);

    /** @return the current length in bytes, as seen by completed operations */
    long size();

    /** Closes the file; later operations fail with {@link ErrorCode#IO_ERROR}. */
    void close();
}
