package dev.whopper.bench.mutants;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a mutant: copies the files its patch touches from the repository into a scratch directory
 * ({@code WORK/NAME/src}), applies the patch there, and compiles just those files with the JDK's
 * compiler against the unmutated classes ({@code WORK/NAME/classes}). Running with that directory first on
 * the class path runs the mutated engine: its classes shadow the originals, everything else is the
 * shipped build. The repository is never written to.
 *
 * <p>Only the patched files are recompiled, so a patch must not change a compile-time constant another
 * file inlines, nor a signature other files use (a mutant is a change inside method bodies).
 */
public final class MutantBuild {
    private MutantBuild() { }

    /**
     * A built mutant.
     *
     * @param mutant  the mutant
     * @param classes the directory of its compiled classes (put it first on the class path)
     * @param classNames the binary names of the classes compiled (they must load from {@code classes})
     */
    public record Built(Mutant mutant, Path classes, List<String> classNames) {
        public Built {
            classNames = List.copyOf(classNames);
        }
    }

    /**
     * @param root      the repository root (holds {@code core/src/main/java})
     * @param mutant    the mutant
     * @param work      the scratch directory for all mutants (e.g. {@code bench/target/mutants})
     * @param classPath the unmutated build's class path (engine classes and their dependencies)
     * @return the built mutant
     * @throws IOException           when a file cannot be read or written
     * @throws IllegalStateException when the patch does not apply or the result does not compile (the compiler's
     *                               messages included)
     */
    public static Built build(Path root, Mutant mutant, Path work, List<Path> classPath) throws IOException {
        Path dir = work.resolve(mutant.name());
        deleteTree(dir);
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<String> sources = new ArrayList<>();
        for (UnifiedPatch.FilePatch f : mutant.patch().files()) {
            Path original = root.resolve(f.path());
            if (!Files.isRegularFile(original)) {
                throw new IllegalStateException("mutant " + mutant.name() + ": " + f.path() + " does not exist");
            }
            String patched;
            try {
                patched = UnifiedPatch.apply(f, Files.readString(original, StandardCharsets.UTF_8));
            } catch (IllegalStateException e) {
                throw new IllegalStateException("mutant " + mutant.name() + ": " + e.getMessage(), e);
            }
            Path copy = src.resolve(f.path());
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, patched, StandardCharsets.UTF_8);
            sources.add(copy.toString());
        }
        compile(mutant.name(), sources, classes, classPath);
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String rel = classes.relativize(p).toString().replace(File.separatorChar, '/');
                names.add(rel.substring(0, rel.length() - ".class".length()).replace('/', '.'));
            }
        }
        return new Built(mutant, classes, names);
    }

    private static void compile(String name, List<String> sources, Path classes, List<Path> classPath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime (run on a JDK, not a JRE)");
        }
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-implicit:none", "-nowarn",
            "-encoding", "UTF-8", "-d", classes.toString(), "-cp", join(classPath)));
        args.addAll(sources);
        java.io.ByteArrayOutputStream messages = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, messages, messages, args.toArray(new String[0]));
        if (rc != 0) {
            throw new IllegalStateException("mutant " + name + " does not compile (javac exit " + rc + "):\n"
                + messages.toString(StandardCharsets.UTF_8));
        }
    }

    /** @return the entries joined with the platform's path separator */
    public static String join(List<Path> classPath) {
        List<String> s = new ArrayList<>();
        for (Path p : classPath) {
            s.add(p.toString());
        }
        return String.join(File.pathSeparator, s);
    }

    /**
     * The class path this JVM runs with, with a manifest-only jar's {@code Class-Path} (as surefire forks
     * tests with) expanded into its entries.
     *
     * @return the entries, in order
     * @throws IOException when a jar's manifest cannot be read
     */
    public static List<Path> currentClassPath() throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.isEmpty()) {
                continue;
            }
            Path p = Path.of(e).toAbsolutePath().normalize();
            out.add(p);
            if (p.toString().endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    Manifest m = jar.getManifest();
                    String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String entry : cp.trim().split("\\s+")) {
                            out.add(classPathEntry(p, entry));
                        }
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static Path classPathEntry(Path jar, String entry) {
        if (entry.startsWith("file:")) {
            return Path.of(java.net.URI.create(entry)).toAbsolutePath().normalize();
        }
        return jar.getParent().resolve(entry).toAbsolutePath().normalize();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
