package dev.whopper.workloads.dbclient;

import dev.whopper.core.db.Database;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IO;
import dev.whopper.core.storage.wal.WalFormat;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.PropertyViolation;

/**
 * After every open that recovered committed frames, the WAL file ends exactly where the recovery's last valid
 * commit frame ends: the engine documents that an open cuts what follows that frame (frames of a transaction a
 * crash or a failed sync dropped, a torn frame, frames a flipped bit invalidated) and writes the kept prefix again.
 * A tail left in the file is a latent loss: once new frames recreate a dropped frame's predecessors its
 * checksum chain can validate again, and a later recovery replays a transaction nobody committed.
 *
 * <p>The check observes only: it reads the WAL file's length through the run's {@link IO} (opening a second
 * handle, which the simulated disk serves from the same file without any I/O request) and the number of frames
 * the engine says it recovered ({@link Database#walFrames()}, read before anyone else may use the database). An
 * open that recovered no commit starts a new WAL generation with new salts and makes no promise about the old
 * bytes (they can never validate again), so it is not checked.
 */
public final class RecoveredWalEnd implements Property {
    /** Property name suffix: the WAL ends at the last commit frame an open recovered. */
    public static final String SUFFIX = "-recovered-wal-end";

    private final String name;
    private long checked;

    /** @param name the property's name, e.g. {@code kv-recovered-wal-end} */
    public RecoveredWalEnd(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return opens whose WAL length was checked (those that recovered at least one frame) */
    public long checked() {
        return checked;
    }

    /**
     * Checks a database right after its open returned, before anyone else used it.
     *
     * @param io     the disk it was opened on
     * @param opened the database just opened
     * @param when   which open this is, for the message ({@code "after recovery #2"})
     * @throws PropertyViolation when the WAL file is longer or shorter than the frames recovered
     */
    public void check(IO io, Database opened, String when) {
        int frames = opened.walFrames();
        if (frames == 0) {
            return;
        }
        File wal = io.open(opened.walPath(), false);
        long bytes;
        try {
            bytes = wal.size();
        } finally {
            wal.close();
        }
        check(bytes, frames, opened.pageSize(), when);
    }

    /**
     * @param walBytes  the WAL file's length after the open
     * @param frames    frames the open recovered (&gt; 0)
     * @param pageSize  the database's page size
     * @param when      which open this is, for the message
     * @throws PropertyViolation when {@code walBytes} is not the end of frame {@code frames}
     */
    public void check(long walBytes, int frames, int pageSize, String when) {
        if (frames <= 0) {
            throw new IllegalArgumentException("frames: " + frames + " (expected: > 0)");
        }
        checked++;
        long end = WalFormat.frameOffset(pageSize, frames + 1);
        if (walBytes != end) {
            String what = walBytes > end
                ? (walBytes - end) + " bytes after the last valid commit frame were left in the file"
                : "the file is " + (end - walBytes) + " bytes short of the frames recovered";
            throw new PropertyViolation(violation(when + ": the WAL holds " + walBytes + " bytes, but recovery kept "
                + frames + " frames of " + pageSize + "-byte pages, which end at byte " + end + ": " + what));
        }
    }
}
