package dev.whopper.sim.soak;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Files of a soak directory are written whole to a temporary name in the same directory, forced to disk, and
 * renamed over the final name ({@link StandardCopyOption#ATOMIC_MOVE}), so a reader (or a resume after a kill)
 * sees the old file or the new one, never half of one. Temporary names start with {@value #TEMP_PREFIX}.
 */
public final class AtomicFiles {
    /** The prefix of temporary names; {@link #removeTemporaries} deletes what a kill left behind. */
    public static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() { }

    /**
     * @param file  the final name
     * @param bytes the whole content
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, TEMP_PREFIX + file.getFileName() + "-", "");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @param file the final name
     * @param text the whole content, written as UTF-8
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Publishes a directory filled under a temporary name: renames it to {@code target}. When {@code target}
     * exists already (the same seed rerun after a kill lost its ledger entry), the existing one is kept.
     *
     * @param filled a directory whose name starts with {@value #TEMP_PREFIX}
     * @param target the final name
     * @throws IOException when it cannot be renamed
     */
    public static void publishDirectory(Path filled, Path target) throws IOException {
        try {
            Files.move(filled, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            deleteTree(filled);
        } catch (java.nio.file.FileSystemException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
            deleteTree(filled); // rename(2) onto a non-empty directory: ENOTEMPTY, reported as a plain FileSystemException
        }
    }

    /**
     * Deletes the temporaries a kill left in {@code dir} (not recursively into other directories' contents).
     *
     * @param dir a soak directory or one of its subdirectories
     * @throws IOException when listing or deleting fails
     */
    public static void removeTemporaries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().startsWith(TEMP_PREFIX)) {
                    deleteTree(p);
                }
            }
        }
    }

    /**
     * @param root a file or directory to delete with everything under it
     * @throws IOException when deleting fails
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
