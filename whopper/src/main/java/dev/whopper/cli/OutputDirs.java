package dev.whopper.cli;

import dev.whopper.sim.soak.SoakFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Checks of directories commands write into, before anything is written: never into an existing soak. */
final class OutputDirs {
    private OutputDirs() { }

    /**
     * @param option the option naming it
     * @param dir    a directory to create a soak or a merged summary in: missing or empty
     * @throws IllegalArgumentException naming the problem and what is expected, in one line
     */
    static void requireNewOrEmpty(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + ": " + dir + " is a file (expected: a new or empty directory)");
        }
        if (Files.isRegularFile(SoakFile.in(dir))) {
            throw new IllegalArgumentException(option + ": " + dir + " holds a soak already (expected: a new or empty directory; "
                + "whopper soak --resume " + dir + " continues it)");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(option + ": " + dir + " is not empty (expected: a new or empty directory)");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(option + ": cannot read " + dir + ": " + e.getMessage());
            }
        }
        requireWritable(option, dir);
    }

    /**
     * Creates the directory (and its parents) and checks a file can be written in it.
     *
     * @param option the option naming it
     * @param dir    the directory
     * @throws IllegalArgumentException when it cannot be created or written
     */
    static void requireWritable(String option, Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".tmp-probe-", "");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(option + ": cannot write " + dir + " (" + reason(e)
                + "; expected: a directory this user can write)");
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
