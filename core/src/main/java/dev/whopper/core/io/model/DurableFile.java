package dev.whopper.core.io.model;

import dev.whopper.core.io.RandomSource;
import java.util.ArrayList;
import java.util.Objects;

/**
 * One file of the durable-file model: a volatile layer (what reads and {@link #size()} see) and a durable
 * layer (what survives a crash), with the completed writes and truncations that no sync has made durable
 * yet, in the order they were applied.
 *
 * <ul>
 *   <li>{@link #write} and {@link #truncate} change the volatile layer at once and join the unsynced
 *       operations.</li>
 *   <li>{@link #sync()} applies every unsynced operation, in order, to the durable layer.</li>
 *   <li>{@link #forgetUnsynced()} drops them without applying them (a failed fsync whose pages the kernel
 *       forgot): they stay readable but never become durable.</li>
 *   <li>A crash ({@link Volume}) reverts the volatile layer to the durable one plus whatever the crash rule
 *       lets survive, at sector granularity.</li>
 * </ul>
 * A file's length is at most {@link #MAX_BYTES}. Not thread-safe; deterministic: the only randomness is
 * the {@link RandomSource} a crash is given.
 */
public final class DurableFile {
    /** The largest file, in bytes. */
    public static final long MAX_BYTES = Image.MAX_BYTES;

    /**
     * A completed, unsynced operation: a write of {@code data} at {@code offset}, or (data null) a
     * truncation to length {@code offset}.
     */
    private record Unsynced(long offset, byte[] data) {
        boolean isTruncate() {
            return data == null;
        }

        void applyTo(Image image) {
            if (data == null) {
                image.truncate(offset);
            } else {
                image.write(offset, data, 0, data.length);
            }
        }
    }

    private final String path;
    private final Image visible = new Image();
    private final Image durable = new Image();
    private final ArrayList<Unsynced> unsynced = new ArrayList<>();

    /** @param path the file's name (for reports and messages) */
    public DurableFile(String path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** @return the file's name */
    public String path() {
        return path;
    }

    /** @return the volatile length in bytes */
    public long size() {
        return visible.length();
    }

    /**
     * Copies up to {@code length} bytes of the volatile layer at {@code offset} into the start of {@code dst}.
     *
     * @param offset byte offset, &gt;= 0
     * @param dst    destination, at least {@code length} bytes
     * @param length bytes wanted, &gt;= 0
     * @return how many bytes were available and copied (fewer past the end of the file)
     */
    public int read(long offset, byte[] dst, int length) {
        requireNonNegative("offset", offset);
        requireNonNegative("length", length);
        if (dst.length < length) {
            throw new IllegalArgumentException("dst: " + dst.length + " bytes (expected: >= length " + length + ")");
        }
        return visible.read(offset, dst, length);
    }

    /**
     * Writes {@code data} at {@code offset} into the volatile layer (a gap past the end reads as zeros) and
     * records it as unsynced. The model keeps {@code data}: the caller must not modify it afterwards. A
     * zero-length write changes nothing and is not recorded.
     *
     * @param offset byte offset, &gt;= 0
     * @param data   the bytes; {@code offset + data.length <= MAX_BYTES}
     */
    public void write(long offset, byte[] data) {
        requireNonNegative("offset", offset);
        Objects.requireNonNull(data, "data");
        if (offset > MAX_BYTES - data.length) {
            throw new IllegalArgumentException("offset + length: " + (offset + data.length)
                + " (expected: <= " + MAX_BYTES + ")");
        }
        if (data.length == 0) {
            return;
        }
        visible.write(offset, data, 0, data.length);
        unsynced.add(new Unsynced(offset, data));
    }

    /**
     * Sets the volatile length (growing zero-fills) and records the truncation as unsynced.
     *
     * @param length new length, in {@code [0, MAX_BYTES]}
     */
    public void truncate(long length) {
        requireNonNegative("length", length);
        if (length > MAX_BYTES) {
            throw new IllegalArgumentException("length: " + length + " (expected: <= " + MAX_BYTES + ")");
        }
        visible.truncate(length);
        unsynced.add(new Unsynced(length, null));
    }

    /** Makes every unsynced operation durable: applies them, in order, to the durable layer. */
    public void sync() {
        for (int i = 0; i < unsynced.size(); i++) {
            unsynced.get(i).applyTo(durable);
        }
        unsynced.clear();
    }

    /**
     * Drops the unsynced operations without making them durable (fsyncgate: the kernel forgot the dirty
     * pages of a failed sync). They stay visible; a later sync does not persist them.
     *
     * @return how many were dropped
     */
    public int forgetUnsynced() {
        int n = unsynced.size();
        unsynced.clear();
        return n;
    }

    /** @return completed writes and truncations not made durable yet */
    public int unsyncedOperations() {
        return unsynced.size();
    }

    /** @return a copy of the volatile layer */
    public byte[] contents() {
        return visible.toArray();
    }

    /** @return a copy of the durable layer */
    public byte[] durableContents() {
        return durable.toArray();
    }

    /**
     * Bit rot: flips one bit of the byte at {@code offset} in the volatile layer and, when the durable layer
     * holds that byte, in the durable layer too. The flip also survives a later {@link #sync()}: when
     * operations are unsynced, the flipped byte joins them as a one-byte write.
     *
     * @param offset byte offset, in {@code [0, size())}
     * @param bit    bit index, in {@code [0, 7]}
     */
    public void flipBit(long offset, int bit) {
        if (offset < 0 || offset >= visible.length()) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: in [0, " + visible.length() + "))");
        }
        if (bit < 0 || bit > 7) {
            throw new IllegalArgumentException("bit: " + bit + " (expected: in [0, 7])");
        }
        int at = (int) offset;
        visible.flipBit(at, bit);
        if (at < durable.length()) {
            durable.flipBit(at, bit);
        }
        if (!unsynced.isEmpty()) {
            unsynced.add(new Unsynced(at, new byte[] {visible.byteAt(at)}));
        }
    }

    // ---------------------------------------------------------------- crash rules (driven by Volume)

    /** Power loss that keeps nothing unsynced: the volatile layer becomes the durable one. */
    void revertToDurable() {
        unsynced.clear();
        visible.copyFrom(durable);
    }

    /**
     * Power loss that keeps each sector of the volatile layer that differs from the durable layer (or lies
     * past its end) with probability {@code keepProbability}, one draw per such sector in file order. The
     * file ends at the durable length or at the end of the last kept sector, whichever is greater.
     */
    void crashKeepingSectors(RandomSource rng, double keepProbability, int sectorSize) {
        int length = visible.length();
        int durableLength = durable.length();
        for (int start = 0; start < length; start += sectorSize) {
            int end = Math.min(length, start + sectorSize);
            boolean differs = end > durableLength || !visible.sameBytes(durable, start, end);
            if (differs && rng.chance(keepProbability)) {
                durable.copyRange(visible, start, end);
            }
        }
        revertToDurable();
    }

    /**
     * Power loss that keeps each unsynced operation, in order, with probability {@code keepProbability}
     * (one draw each), except the write at index {@code tornIndex} (or none, when -1), of which a random
     * non-empty proper subset of sectors survives.
     */
    FileCrash crashKeepingOperations(RandomSource rng, double keepProbability, int tornIndex, int sectorSize) {
        long lengthBefore = visible.length();
        int writesKept = 0;
        int writesLost = 0;
        int writesTorn = 0;
        long sectorsKept = 0;
        long sectorsLost = 0;
        int truncatesKept = 0;
        int truncatesLost = 0;
        for (int i = 0; i < unsynced.size(); i++) {
            Unsynced op = unsynced.get(i);
            if (op.isTruncate()) {
                if (rng.chance(keepProbability)) {
                    op.applyTo(durable);
                    truncatesKept++;
                } else {
                    truncatesLost++;
                }
                continue;
            }
            long sectors = sectorCount(op.offset(), op.data().length, sectorSize);
            if (i == tornIndex) {
                long kept = applyTorn(op, rng, sectorSize, (int) sectors);
                writesTorn++;
                sectorsKept += kept;
                sectorsLost += sectors - kept;
            } else if (rng.chance(keepProbability)) {
                op.applyTo(durable);
                writesKept++;
                sectorsKept += sectors;
            } else {
                writesLost++;
                sectorsLost += sectors;
            }
        }
        revertToDurable();
        return new FileCrash(path, lengthBefore, visible.length(), writesKept, writesLost, writesTorn,
            sectorsKept, sectorsLost, truncatesKept, truncatesLost);
    }

    /** @return how many unsynced writes span at least two sectors (the ones a crash can tear) */
    int tearCandidates(int sectorSize) {
        int n = 0;
        for (int i = 0; i < unsynced.size(); i++) {
            if (isTearCandidate(unsynced.get(i), sectorSize)) {
                n++;
            }
        }
        return n;
    }

    /** @return the index among the unsynced operations of the {@code nth} tear candidate (from 0) */
    int nthTearCandidate(int sectorSize, int nth) {
        int seen = 0;
        for (int i = 0; i < unsynced.size(); i++) {
            if (isTearCandidate(unsynced.get(i), sectorSize)) {
                if (seen == nth) {
                    return i;
                }
                seen++;
            }
        }
        throw new IllegalStateException("tear candidate " + nth + " not found in " + path);
    }

    private static boolean isTearCandidate(Unsynced op, int sectorSize) {
        return !op.isTruncate() && sectorCount(op.offset(), op.data().length, sectorSize) >= 2;
    }

    /** Applies a random non-empty proper subset of the write's sectors; returns how many were applied. */
    private long applyTorn(Unsynced op, RandomSource rng, int sectorSize, int sectors) {
        boolean[] keep = new boolean[sectors];
        int kept = 0;
        for (int s = 0; s < sectors; s++) {
            keep[s] = (rng.nextLong() & 1) != 0;
            if (keep[s]) {
                kept++;
            }
        }
        if (kept == 0 || kept == sectors) {
            int s = rng.nextInt(sectors);
            keep[s] = !keep[s];
            kept += keep[s] ? 1 : -1;
        }
        long start = op.offset();
        long end = start + op.data().length;
        long firstSector = start / sectorSize;
        for (int s = 0; s < sectors; s++) {
            if (!keep[s]) {
                continue;
            }
            long segStart = Math.max(start, (firstSector + s) * sectorSize);
            long segEnd = Math.min(end, (firstSector + s + 1) * sectorSize);
            durable.write(segStart, op.data(), (int) (segStart - start), (int) (segEnd - segStart));
        }
        return kept;
    }

    /**
     * @param offset     byte offset, &gt;= 0
     * @param length     bytes, &gt;= 0
     * @param sectorSize sector size, &gt; 0
     * @return how many sectors bytes {@code [offset, offset + length)} touch (0 for an empty range)
     */
    public static long sectorCount(long offset, long length, int sectorSize) {
        if (length == 0) {
            return 0;
        }
        return (offset + length - 1) / sectorSize - offset / sectorSize + 1;
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
        }
    }

    @Override
    public String toString() {
        return "DurableFile[" + path + ", " + visible.length() + " bytes, " + unsynced.size() + " unsynced]";
    }
}
