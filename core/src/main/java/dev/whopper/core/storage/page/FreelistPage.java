package dev.whopper.core.storage.page;

/**
 * A free page: a singly linked list threaded through the free pages themselves.
 *
 * <pre>
 * offset size field
 *  0      4   magic "FREE" (0x46524545)
 *  4      4   next free page (0: end of list)
 * </pre>
 * The rest of the usable area is zero. The header holds the head and the length of the list.
 */
public final class FreelistPage {
    /** Magic at offset 0 of a free page. */
    public static final int MAGIC = 0x46524545;

    private FreelistPage() { }

    /**
     * @param pageSize page size
     * @param next     the next free page, 0 at the end
     * @return an unsealed free-page image
     */
    public static byte[] create(int pageSize, int next) {
        byte[] p = new byte[pageSize];
        PageEnvelope.putInt(p, 0, MAGIC);
        PageEnvelope.putInt(p, 4, next);
        return p;
    }

    /**
     * @param page a page image
     * @return true when it carries the free-page magic
     */
    public static boolean isFree(byte[] page) {
        return PageEnvelope.getInt(page, 0) == MAGIC;
    }

    /**
     * @param page a free page
     * @return the next free page, 0 at the end
     */
    public static int next(byte[] page) {
        return PageEnvelope.getInt(page, 4);
    }
}
