package dev.whopper.core.storage.btree;

/**
 * A page the tree read is not what the tree wrote there: its checksum matched, but its structure is wrong (an
 * unknown page type, cells out of bounds, a child or sibling number that cannot be, a leaf chain out of order).
 * That is damage to stored data, not a bug of the operation that met it: the engine reports it as CORRUPT. (It
 * arises when recovery combines page versions no commit made, e.g. after bit rot cut the WAL short behind a
 * checkpoint, or when a bug left a page referenced after it was freed.) It stays an {@link IllegalStateException}
 * for callers that run the tree without the engine.
 */
public final class MalformedPageException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with which page */
    public MalformedPageException(String message) {
        super(message);
    }
}
