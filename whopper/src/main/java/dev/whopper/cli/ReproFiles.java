package dev.whopper.cli;

import dev.whopper.sim.soak.Json;
import dev.whopper.sim.soak.Repro;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading a {@code repro.json} named on the command line (the file, or a failure directory holding one). */
final class ReproFiles {
    private ReproFiles() { }

    /**
     * @param given a repro.json, or a directory with one
     * @return the file
     */
    static Path file(Path given) {
        return Files.isDirectory(given) ? given.resolve("repro.json") : given;
    }

    /**
     * @param command the command, for the message
     * @param given   a repro.json, or a directory with one
     * @return the repro
     * @throws IllegalArgumentException with one line naming the file and the problem
     */
    static Repro read(String command, Path given) {
        Path f = file(given);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException(command + ": no such file: " + f + " (expected: a repro.json, as a soak writes "
                + "into failures/seed-N/, or its directory)");
        }
        try {
            Repro r = Json.read(f, Repro.class);
            r.config();
            r.log();
            return r;
        } catch (Json.MalformedFileException e) {
            throw new IllegalArgumentException(command + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(command + ": " + f + ": " + e.getMessage());
        }
    }
}
