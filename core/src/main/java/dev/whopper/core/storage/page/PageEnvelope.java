package dev.whopper.core.storage.page;

import java.util.zip.CRC32C;

/**
 * The envelope every page travels in, in the database file and in WAL frames: {@code [0, usableSize)}
 * belongs to the page's user (header, tree or freelist), then an 8-byte trailer owned by the pager: the
 * page number (4 bytes, big-endian, catches misdirected writes) and a CRC32C over every byte before the
 * checksum. Also the page-size rules and the big-endian field accessors every page format uses. (The
 * B+tree's node layout inside the usable area is {@code storage.btree.NodeLayout}.)
 */
public final class PageEnvelope {
    /** Bytes at the end of each page owned by the pager. */
    public static final int TRAILER_SIZE = 8;
    /** Smallest page size. */
    public static final int MIN_PAGE_SIZE = 512;
    /** Largest page size. */
    public static final int MAX_PAGE_SIZE = 65536;
    /** Default page size. */
    public static final int DEFAULT_PAGE_SIZE = 4096;

    private PageEnvelope() { }

    /**
     * @param pageSize a page size
     * @return true when it is a power of two in [512, 65536]
     */
    public static boolean validPageSize(int pageSize) {
        return pageSize >= MIN_PAGE_SIZE && pageSize <= MAX_PAGE_SIZE && Integer.bitCount(pageSize) == 1;
    }

    /**
     * @param pageSize page size
     * @return bytes the page's user may use
     */
    public static int usableSize(int pageSize) {
        return pageSize - TRAILER_SIZE;
    }

    /**
     * Writes the trailer (page number and checksum) into {@code page}.
     *
     * @param page   the page image, its length is the page size
     * @param pageNo the page number, &gt;= 1
     */
    public static void seal(byte[] page, int pageNo) {
        int n = page.length;
        putInt(page, n - TRAILER_SIZE, pageNo);
        putInt(page, n - 4, checksum(page));
    }

    /**
     * Checks a page's trailer.
     *
     * @param page   the image
     * @param pageNo the page number it was read for
     * @return null when valid, else a description of the problem
     */
    public static String verify(byte[] page, int pageNo) {
        int n = page.length;
        int stored = getInt(page, n - 4);
        int actual = checksum(page);
        if (stored != actual) {
            return "page " + pageNo + ": checksum mismatch (stored " + Integer.toHexString(stored)
                + ", computed " + Integer.toHexString(actual) + ")";
        }
        int no = getInt(page, n - TRAILER_SIZE);
        if (no != pageNo) {
            return "page " + pageNo + ": trailer names page " + no + " (misdirected write)";
        }
        return null;
    }

    private static int checksum(byte[] page) {
        CRC32C crc = new CRC32C();
        crc.update(page, 0, page.length - 4);
        return (int) crc.getValue();
    }

    /**
     * @param b   bytes
     * @param off offset
     * @return the big-endian int at {@code off}
     */
    public static int getInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /**
     * @param b   bytes
     * @param off offset
     * @param v   value written big-endian
     */
    public static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    /**
     * @param b   bytes
     * @param off offset
     * @return the big-endian long at {@code off}
     */
    public static long getLong(byte[] b, int off) {
        return ((long) getInt(b, off) << 32) | (getInt(b, off + 4) & 0xFFFF_FFFFL);
    }

    /**
     * @param b   bytes
     * @param off offset
     * @param v   value written big-endian
     */
    public static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }
}
