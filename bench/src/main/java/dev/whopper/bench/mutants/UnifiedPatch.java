package dev.whopper.bench.mutants;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff ({@code diff -u} / {@code git diff} output) of one or more files, parsed and applied in
 * memory, so that applying a mutant needs neither {@code patch} nor {@code git}. Lines before the first
 * {@code ---} line are a free-form header (a mutant's description). A hunk applies where its old lines
 * (context and removals) match exactly: at the line its header names, shifted by the hunks applied
 * before it, else at the nearest other place they match; a hunk whose old lines match nowhere fails the
 * patch with the file and hunk named (no fuzz: a mutant that no longer applies must be re-made).
 *
 * @param header the lines before the first file (without their line ends)
 * @param files  the changed files, in patch order
 */
public record UnifiedPatch(List<String> header, List<FilePatch> files) {
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*$");

    public UnifiedPatch {
        header = List.copyOf(header);
        files = List.copyOf(files);
    }

    /**
     * One file's hunks.
     *
     * @param path  the file's path relative to the repository root (the {@code a/} or {@code b/} prefix removed)
     * @param hunks its hunks, in file order
     */
    public record FilePatch(String path, List<Hunk> hunks) {
        public FilePatch {
            Objects.requireNonNull(path, "path");
            hunks = List.copyOf(hunks);
        }
    }

    /**
     * One hunk.
     *
     * @param oldStart the 1-based line its old lines start at
     * @param oldLines the lines it expects (context and removals, in order)
     * @param newLines the lines it leaves (context and additions, in order)
     */
    public record Hunk(int oldStart, List<String> oldLines, List<String> newLines) {
        public Hunk {
            oldLines = List.copyOf(oldLines);
            newLines = List.copyOf(newLines);
        }
    }

    /**
     * Parses a unified diff.
     *
     * @param text the patch
     * @return the patch
     * @throws IllegalArgumentException when it holds no file, or a hunk's line counts disagree with its body
     */
    public static UnifiedPatch parse(String text) {
        String[] lines = text.split("\n", -1);
        List<String> header = new ArrayList<>();
        List<FilePatch> files = new ArrayList<>();
        int i = 0;
        while (i < lines.length && !lines[i].startsWith("--- ")) {
            header.add(stripCr(lines[i]));
            i++;
        }
        while (i < lines.length) {
            String line = stripCr(lines[i]);
            if (!line.startsWith("--- ")) {
                i++;
                continue;
            }
            if (i + 1 >= lines.length || !stripCr(lines[i + 1]).startsWith("+++ ")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": '---' not followed by '+++'");
            }
            String path = pathOf(stripCr(lines[i + 1]).substring(4));
            i += 2;
            List<Hunk> hunks = new ArrayList<>();
            while (i < lines.length && stripCr(lines[i]).startsWith("@@")) {
                i = parseHunk(lines, i, hunks);
            }
            if (hunks.isEmpty()) {
                throw new IllegalArgumentException("file " + path + ": no hunk");
            }
            files.add(new FilePatch(path, hunks));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no file in the patch (expected: '--- a/PATH' and '+++ b/PATH' lines)");
        }
        return new UnifiedPatch(header, files);
    }

    private static int parseHunk(String[] lines, int at, List<Hunk> hunks) {
        Matcher m = HUNK.matcher(stripCr(lines[at]));
        if (!m.matches()) {
            throw new IllegalArgumentException("line " + (at + 1) + ": bad hunk header: " + lines[at]);
        }
        int oldStart = Integer.parseInt(m.group(1));
        int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        List<String> oldLines = new ArrayList<>();
        List<String> newLines = new ArrayList<>();
        int i = at + 1;
        while (i < lines.length && (oldLines.size() < oldCount || newLines.size() < newCount)) {
            String l = stripCr(lines[i]);
            if (l.startsWith("\\")) { // "\ No newline at end of file"
                i++;
                continue;
            }
            char c = l.isEmpty() ? ' ' : l.charAt(0);
            String body = l.isEmpty() ? "" : l.substring(1);
            switch (c) {
                case ' ' -> {
                    oldLines.add(body);
                    newLines.add(body);
                }
                case '-' -> oldLines.add(body);
                case '+' -> newLines.add(body);
                default -> throw new IllegalArgumentException("line " + (i + 1) + ": unexpected line in a hunk: " + l);
            }
            i++;
        }
        if (oldLines.size() != oldCount || newLines.size() != newCount) {
            throw new IllegalArgumentException("line " + (at + 1) + ": hunk says -" + oldCount + " +" + newCount
                + " lines, its body has -" + oldLines.size() + " +" + newLines.size());
        }
        hunks.add(new Hunk(oldStart, oldLines, newLines));
        return i;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String pathOf(String spec) {
        String p = spec;
        int tab = p.indexOf('\t');
        if (tab >= 0) {
            p = p.substring(0, tab);
        }
        p = p.strip();
        if (p.startsWith("a/") || p.startsWith("b/")) {
            p = p.substring(2);
        }
        return p;
    }

    /**
     * Applies one file's hunks to its text.
     *
     * @param file the file's patch
     * @param text the file's current text
     * @return the patched text
     * @throws IllegalStateException naming the file and hunk that does not apply
     */
    public static String apply(FilePatch file, String text) {
        boolean endsWithNewline = text.endsWith("\n");
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (endsWithNewline) {
            lines.remove(lines.size() - 1);
        }
        int offset = 0;
        for (int h = 0; h < file.hunks().size(); h++) {
            Hunk hunk = file.hunks().get(h);
            int expected = Math.max(0, hunk.oldStart() - 1 + offset);
            if (hunk.oldLines().isEmpty()) {
                expected = Math.min(hunk.oldStart() + offset, lines.size());
            }
            int at = find(lines, hunk.oldLines(), expected);
            if (at < 0) {
                throw new IllegalStateException(file.path() + ": hunk " + (h + 1) + " of " + file.hunks().size()
                    + " (at line " + hunk.oldStart() + ") does not apply: its lines are not in the file");
            }
            for (int k = 0; k < hunk.oldLines().size(); k++) {
                lines.remove(at);
            }
            lines.addAll(at, hunk.newLines());
            offset = at - (hunk.oldStart() - 1) + hunk.newLines().size() - hunk.oldLines().size();
        }
        String out = String.join("\n", lines);
        return endsWithNewline ? out + "\n" : out;
    }

    /** @return where {@code want} starts in {@code lines}, the match nearest {@code expected}, or -1 */
    private static int find(List<String> lines, List<String> want, int expected) {
        int n = lines.size() - want.size();
        for (int d = 0; d <= Math.max(expected, n - expected) + 1; d++) {
            int[] candidates = d == 0 ? new int[] {expected} : new int[] {expected - d, expected + d};
            for (int at : candidates) {
                if (at >= 0 && at <= n && matches(lines, want, at)) {
                    return at;
                }
            }
        }
        return -1;
    }

    private static boolean matches(List<String> lines, List<String> want, int at) {
        for (int k = 0; k < want.size(); k++) {
            if (!lines.get(at + k).equals(want.get(k))) {
                return false;
            }
        }
        return true;
    }
}
