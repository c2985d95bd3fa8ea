package dev.whopper.core.storage.btree;

/**
 * Thrown by {@link BTree#put(byte[], byte[])} when a key, or a key with its value, is larger than the
 * tree can store in one cell for the store's page size (see {@link BTree#maxKeySize(int)} and
 * {@link BTree#maxKeyValueSize(int)}). Nothing was written.
 */
public final class TooBigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is too big, and the limit */
    public TooBigException(String message) {
        super(message);
    }
}
