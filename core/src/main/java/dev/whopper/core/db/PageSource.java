package dev.whopper.core.db;

import java.util.Objects;

/**
 * Where the bytes of one page image were read from: a byte range of a file. A CORRUPT error that carries one
 * ({@link DbException#source()}) lets a caller ask whether a fault it knows of (a flipped stored bit) hit exactly
 * those bytes.
 *
 * @param path   the file (the database file, or its WAL for a frame's page image)
 * @param offset the first byte, &gt;= 0
 * @param length how many bytes, &gt; 0
 */
public record PageSource(String path, long offset, int length) {
    /** Checks every component; see the class description for the ranges. */
    public PageSource {
        Objects.requireNonNull(path, "path");
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
        }
        if (length <= 0) {
            throw new IllegalArgumentException("length: " + length + " (expected: > 0)");
        }
    }

    /** @return the offset just past the range */
    public long endOffset() {
        return offset + length;
    }
}
