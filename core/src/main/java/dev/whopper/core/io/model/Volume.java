package dev.whopper.core.io.model;

import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.RandomSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The files of one in-memory backend, by path, always visited in path order (so a crash draws its random
 * numbers in the same order on every run), and the crash rules that act on all of them at once:
 *
 * <ul>
 *   <li>{@link #crashDroppingUnsynced()}: every file reverts to its durable layer; nothing is drawn.</li>
 *   <li>{@link #crashKeepingSectors}: per file, each sector of the volatile layer that differs from the
 *       durable one survives with a probability (the rule of {@code MemoryIO}).</li>
 *   <li>{@link #crashKeepingOperations}: per file, each unsynced write or truncation survives with a
 *       probability, and optionally one multi-sector write over all files is torn (the rule of the
 *       simulator's {@code SimIO}).</li>
 * </ul>
 * After any crash, what survived is durable and nothing is unsynced. A deleted file leaves the volume at
 * once; whoever still holds its {@link DurableFile} keeps an unlinked file that no crash touches.
 */
public final class Volume {
    private final TreeMap<String, DurableFile> files = new TreeMap<>();

    /**
     * @param path   the file
     * @param create create an empty file when there is none
     * @return the file
     * @throws IOFailureException (IO_ERROR "no such file: path") when there is none and {@code create} is false
     */
    public DurableFile open(String path, boolean create) {
        Objects.requireNonNull(path, "path");
        DurableFile f = files.get(path);
        if (f == null) {
            if (!create) {
                throw new IOFailureException(new CompletionError(ErrorCode.IO_ERROR, "no such file: " + path));
            }
            f = new DurableFile(path);
            files.put(path, f);
        }
        return f;
    }

    /**
     * @param path a path
     * @return the file at {@code path}, or {@code null} when there is none
     */
    public DurableFile file(String path) {
        return files.get(path);
    }

    /**
     * @param path a path
     * @return true when a file exists at {@code path}
     */
    public boolean exists(String path) {
        return files.containsKey(path);
    }

    /**
     * Unlinks a file, if it exists.
     *
     * @param path a path
     */
    public void delete(String path) {
        files.remove(path);
    }

    /** @return the paths of every file, in order */
    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    /** Power loss that keeps nothing unsynced: every file reverts to its durable layer. */
    public void crashDroppingUnsynced() {
        for (DurableFile f : files.values()) {
            f.revertToDurable();
        }
    }

    /**
     * Power loss that keeps a random subset of the unsynced data at sector granularity, which tears pages
     * that straddle kept and lost sectors: in path order, every sector of a file's volatile layer that
     * differs from its durable layer (or reaches past the durable length) survives with probability
     * {@code keepProbability}, one {@link RandomSource#chance} draw per such sector. A file ends at its
     * durable length or at the end of its last kept sector, whichever is greater.
     *
     * @param rng             decides which sectors survive; {@code null}: none survives, nothing is drawn
     * @param keepProbability chance that one unsynced sector survives
     * @param sectorSize      sector size in bytes, &gt; 0
     */
    public void crashKeepingSectors(RandomSource rng, double keepProbability, int sectorSize) {
        requireSectorSize(sectorSize);
        if (rng == null) {
            crashDroppingUnsynced();
            return;
        }
        for (DurableFile f : files.values()) {
            f.crashKeepingSectors(rng, keepProbability, sectorSize);
        }
    }

    /**
     * Power loss that keeps a random subset of the unsynced operations. When {@code tearOne}, first one
     * unsynced write spanning at least two sectors is chosen uniformly over all files (one
     * {@link RandomSource#nextInt} draw, none when there is no such write); a random non-empty proper subset
     * of its sectors survives. Then, in path order and in each file in the order the operations were
     * applied, every other unsynced write or truncation survives whole with probability
     * {@code keepProbability} (one {@link RandomSource#chance} draw each) and is applied to the durable layer.
     *
     * @param rng             decides what survives
     * @param keepProbability chance that one unsynced operation survives
     * @param tearOne         tear one multi-sector write
     * @param sectorSize      sector size in bytes, &gt; 0
     * @return per file, in path order, what the crash did
     */
    public List<FileCrash> crashKeepingOperations(RandomSource rng, double keepProbability, boolean tearOne,
                                                  int sectorSize) {
        Objects.requireNonNull(rng, "rng");
        requireSectorSize(sectorSize);
        DurableFile tornFile = null;
        int tornIndex = -1;
        if (tearOne) {
            int candidates = 0;
            for (DurableFile f : files.values()) {
                candidates += f.tearCandidates(sectorSize);
            }
            if (candidates > 0) {
                int pick = rng.nextInt(candidates);
                for (DurableFile f : files.values()) {
                    int n = f.tearCandidates(sectorSize);
                    if (pick < n) {
                        tornFile = f;
                        tornIndex = f.nthTearCandidate(sectorSize, pick);
                        break;
                    }
                    pick -= n;
                }
            }
        }
        ArrayList<FileCrash> reports = new ArrayList<>(files.size());
        for (DurableFile f : files.values()) {
            reports.add(f.crashKeepingOperations(rng, keepProbability, f == tornFile ? tornIndex : -1, sectorSize));
        }
        return reports;
    }

    private static void requireSectorSize(int sectorSize) {
        if (sectorSize <= 0) {
            throw new IllegalArgumentException("sectorSize: " + sectorSize + " (expected: > 0)");
        }
    }
}
