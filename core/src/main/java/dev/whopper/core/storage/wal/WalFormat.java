package dev.whopper.core.storage.wal;

import dev.whopper.core.storage.page.PageEnvelope;
import java.util.zip.CRC32C;

/**
 * WAL file layout.
 *
 * <pre>
 * header (32 bytes)                     frame header (24 bytes), followed by the page image
 *  0 4 magic "WHWL" (0x5748574C)         0 4 page number
 *  4 4 format version (1)                4 4 commit marker: database size in pages on a commit frame, else 0
 *  8 4 page size                          8 4 salt 1 (must equal the header's)
 * 12 4 checkpoint sequence               12 4 salt 2 (must equal the header's)
 * 16 4 salt 1                            16 4 cumulative checksum
 * 20 4 salt 2                            20 4 reserved (0)
 * 24 4 CRC32C of bytes 0..23
 * 28 4 reserved (0)
 * </pre>
 * Frame {@code i} (1-based) starts at {@code 32 + (i - 1) * (24 + pageSize)}. The cumulative checksum of
 * frame {@code i} is CRC32C over the previous checksum (frame {@code i-1}'s, or the header's for frame 1,
 * as 4 big-endian bytes), the first 16 bytes of the frame header and the page image.
 */
public final class WalFormat {
    /** Header magic. */
    public static final int MAGIC = 0x5748574C;
    /** Format version. */
    public static final int VERSION = 1;
    /** Header bytes. */
    public static final int HEADER_SIZE = 32;
    /** Frame header bytes. */
    public static final int FRAME_HEADER_SIZE = 24;

    private WalFormat() { }

    /**
     * @param pageSize page size
     * @param frame    1-based frame number
     * @return byte offset of the frame's header
     */
    public static long frameOffset(int pageSize, int frame) {
        return HEADER_SIZE + (long) (frame - 1) * (FRAME_HEADER_SIZE + pageSize);
    }

    /**
     * @param pageSize        page size
     * @param checkpointSeq   checkpoint sequence
     * @param salt1           salt 1
     * @param salt2           salt 2
     * @return the 32-byte header
     */
    public static byte[] header(int pageSize, int checkpointSeq, int salt1, int salt2) {
        byte[] h = new byte[HEADER_SIZE];
        PageEnvelope.putInt(h, 0, MAGIC);
        PageEnvelope.putInt(h, 4, VERSION);
        PageEnvelope.putInt(h, 8, pageSize);
        PageEnvelope.putInt(h, 12, checkpointSeq);
        PageEnvelope.putInt(h, 16, salt1);
        PageEnvelope.putInt(h, 20, salt2);
        CRC32C crc = new CRC32C();
        crc.update(h, 0, 24);
        PageEnvelope.putInt(h, 24, (int) crc.getValue());
        return h;
    }

    /**
     * @param h 32 header bytes
     * @return the header's stored checksum when magic, version and checksum are valid
     * @throws IllegalArgumentException when the header is not valid
     */
    public static int headerChecksum(byte[] h) {
        if (h.length < HEADER_SIZE || PageEnvelope.getInt(h, 0) != MAGIC || PageEnvelope.getInt(h, 4) != VERSION) {
            throw new IllegalArgumentException("bad WAL header magic or version");
        }
        CRC32C crc = new CRC32C();
        crc.update(h, 0, 24);
        if ((int) crc.getValue() != PageEnvelope.getInt(h, 24)) {
            throw new IllegalArgumentException("bad WAL header checksum");
        }
        return PageEnvelope.getInt(h, 24);
    }

    /**
     * Builds a frame header and computes its cumulative checksum.
     *
     * @param pageNo       page number
     * @param commitSize   database size on a commit frame, else 0
     * @param salt1        salt 1
     * @param salt2        salt 2
     * @param prevChecksum previous cumulative checksum
     * @param page         the sealed page image
     * @return the 24-byte frame header (checksum at offset 16)
     */
    public static byte[] frameHeader(int pageNo, int commitSize, int salt1, int salt2, int prevChecksum, byte[] page) {
        byte[] fh = new byte[FRAME_HEADER_SIZE];
        PageEnvelope.putInt(fh, 0, pageNo);
        PageEnvelope.putInt(fh, 4, commitSize);
        PageEnvelope.putInt(fh, 8, salt1);
        PageEnvelope.putInt(fh, 12, salt2);
        PageEnvelope.putInt(fh, 16, frameChecksum(prevChecksum, fh, 0, page, 0, page.length));
        return fh;
    }

    /**
     * @param prev     previous cumulative checksum
     * @param fh       bytes holding the frame header
     * @param fhOff    its offset
     * @param page     bytes holding the page image
     * @param pageOff  its offset
     * @param pageSize page size
     * @return the cumulative checksum of the frame
     */
    public static int frameChecksum(int prev, byte[] fh, int fhOff, byte[] page, int pageOff, int pageSize) {
        CRC32C crc = new CRC32C();
        crc.update(prev >>> 24);
        crc.update(prev >>> 16);
        crc.update(prev >>> 8);
        crc.update(prev);
        crc.update(fh, fhOff, 16);
        crc.update(page, pageOff, pageSize);
        return (int) crc.getValue();
    }
}
