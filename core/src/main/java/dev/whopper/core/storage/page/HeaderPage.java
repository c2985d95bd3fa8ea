package dev.whopper.core.storage.page;

/**
 * The database header, stored at the start of page 1.
 *
 * <pre>
 * offset size field
 *  0      8   magic "WHOPPER1"
 *  8      4   format version (1)
 * 12      4   page size in bytes
 * 16      4   page count (pages in the database, including page 1)
 * 20      4   freelist head page (0: empty)
 * 24      4   freelist length in pages
 * 28      4   tree root page (0: empty tree)
 * 32      8   change counter (incremented by every commit)
 * </pre>
 *
 * @param pageSize      page size in bytes
 * @param pageCount     pages in the database
 * @param freelistHead  first free page, 0 when none
 * @param freelistCount free pages
 * @param treeRoot      the tree's root page, 0 when none
 * @param changeCounter commits so far
 */
public record HeaderPage(int pageSize, int pageCount, int freelistHead, int freelistCount, int treeRoot, long changeCounter) {
    /** Magic bytes at offset 0. */
    public static final byte[] MAGIC = {'W', 'H', 'O', 'P', 'P', 'E', 'R', '1'};
    /** Format version. */
    public static final int VERSION = 1;
    /** Bytes of the header. */
    public static final int SIZE = 40;

    /**
     * @param pageSize page size
     * @return the header of a new, empty database (one page, no tree)
     */
    public static HeaderPage empty(int pageSize) {
        return new HeaderPage(pageSize, 1, 0, 0, 0, 0);
    }

    /**
     * Encodes the header into a fresh page image and seals it.
     *
     * @return a sealed page-1 image
     */
    public byte[] toPage() {
        byte[] p = new byte[pageSize];
        System.arraycopy(MAGIC, 0, p, 0, MAGIC.length);
        PageEnvelope.putInt(p, 8, VERSION);
        PageEnvelope.putInt(p, 12, pageSize);
        PageEnvelope.putInt(p, 16, pageCount);
        PageEnvelope.putInt(p, 20, freelistHead);
        PageEnvelope.putInt(p, 24, freelistCount);
        PageEnvelope.putInt(p, 28, treeRoot);
        PageEnvelope.putLong(p, 32, changeCounter);
        PageEnvelope.seal(p, 1);
        return p;
    }

    /**
     * @param b the first bytes of page 1 (at least {@link #SIZE})
     * @return true when the magic and version match
     */
    public static boolean hasMagic(byte[] b) {
        if (b.length < SIZE) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return PageEnvelope.getInt(b, 8) == VERSION;
    }

    /**
     * Decodes a header (the caller has verified the page's checksum).
     *
     * @param p page-1 image
     * @return the header
     * @throws IllegalArgumentException when the magic is wrong
     */
    public static HeaderPage decode(byte[] p) {
        if (!hasMagic(p)) {
            throw new IllegalArgumentException("not a Whopper database header (bad magic or version)");
        }
        return new HeaderPage(PageEnvelope.getInt(p, 12), PageEnvelope.getInt(p, 16), PageEnvelope.getInt(p, 20),
            PageEnvelope.getInt(p, 24), PageEnvelope.getInt(p, 28), PageEnvelope.getLong(p, 32));
    }
}
