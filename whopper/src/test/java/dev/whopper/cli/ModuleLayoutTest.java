package dev.whopper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rules of the source tree (issue 9): every package says what it owns in a package-info.java, and
 * dependencies point one way (core never imports workloads or the simulator; workloads never import the
 * simulator), so a workload is written against the SPI only.
 */
class ModuleLayoutTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("core", "workloads", "reports", "whopper", "bench");

    private static List<Path> javaFiles(String module) {
        Path src = ROOT.resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(src)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyPackageHasAPackageInfo() {
        List<String> missing = new ArrayList<>();
        int packages = 0;
        for (String module : MODULES) {
            for (Path dir : javaFiles(module).stream().map(Path::getParent).distinct().toList()) {
                packages++;
                if (!Files.exists(dir.resolve("package-info.java"))) {
                    missing.add(ROOT.relativize(dir).toString());
                }
            }
        }
        assertTrue(packages > 20, "found only " + packages + " packages under " + ROOT);
        assertEquals(List.of(), missing, "packages without a package-info.java");
    }

    @Test
    void dependenciesPointOneWay() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path f : javaFiles("core")) {
            String s = Files.readString(f);
            if (s.contains("dev.whopper.sim.") || s.contains("dev.whopper.workloads.") || s.contains("dev.whopper.reports.")) {
                wrong.add(ROOT.relativize(f) + " (core imports a higher module)");
            }
        }
        for (Path f : javaFiles("workloads")) {
            String s = Files.readString(f);
            if (s.contains("dev.whopper.sim.") || s.contains("dev.whopper.cli.")) {
                wrong.add(ROOT.relativize(f) + " (a workload imports the simulator)");
            }
        }
        assertEquals(List.of(), wrong);
    }
}
