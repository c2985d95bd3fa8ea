package dev.whopper.cli;

import dev.whopper.reports.model.RunReport;
import dev.whopper.reports.render.HtmlReport;
import dev.whopper.reports.render.JsonReport;
import dev.whopper.sim.soak.Json;
import dev.whopper.sim.soak.SoakSummary;
import dev.whopper.sim.soak.SummaryFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code whopper report --merge DIR... --out DIR}: merges the summaries of the shards of one soak (or of
 * disjoint soaks of one configuration) into one {@code summary.json} and {@code summary.html}: outcome counts,
 * failure groups (counts added, the lowest first seed, the smallest repro), coverage and its saturation curve,
 * the per-seed histograms, the digest. Merging every shard of a soak gives the summary the unsharded soak
 * gives. Exit codes: 0 no merged seed failed, 1 one did, 2 bad arguments, 3 internal error.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Merge the JSON results of shards or soaks into one summary (summary.json, summary.html).", ""},
    footer = {"", "Examples:",
        "  whopper report --merge shard-0 shard-1 shard-2 shard-3 --out merged",
        "  whopper report --merge results/*/ --out merged          # e.g. the artifacts of a CI matrix",
        "  whopper report --merge a.json b.json --out both         # run reports of whopper run --json"})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--merge", arity = "1..*", paramLabel = "DIR", required = true,
        description = "Soak directories (each with summary.json) or summary.json files; or run reports (whopper run --json "
            + "files), merged through the report model into report.json and report.html.")
    List<Path> merge;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write the merged summary, new or empty.")
    Path out;

    /** @return true when the file is a run's JSON report ({@code whopper run --json}), not a soak summary */
    private static boolean isRunReport(Path f) {
        try {
            return Json.MAPPER.readTree(f.toFile()).has("schemaVersion");
        } catch (IOException e) {
            return false; // not JSON: reported when read as a summary
        }
    }

    /** Merges run reports ({@code whopper run --json} files) through the report model into report.json and report.html. */
    private int mergeRunReports() {
        List<RunReport> reports = new ArrayList<>();
        RunReport merged;
        try {
            for (Path p : merge) {
                if (!isRunReport(p)) {
                    throw new IllegalArgumentException("--merge: " + p + " is not a run report (expected: every FILE a run's "
                        + "--json report, or every DIR a soak directory)");
                }
                reports.add(JsonReport.read(p));
            }
            merged = JsonReport.merge(reports);
            OutputDirs.requireNewOrEmpty("--out", out);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage().startsWith("--") ? e.getMessage() : "--merge: " + e.getMessage());
        }
        JsonReport.write(merged, out.resolve("report.json"));
        HtmlReport.write(merged, out.resolve("report.html"));
        PrintWriter pw = spec.commandLine().getOut();
        pw.println("merged " + reports.size() + " run reports: " + merged.seedsRun() + " runs, outcomes " + merged.outcomes());
        pw.println("report: " + out.resolve("report.html") + ", " + out.resolve("report.json"));
        pw.flush();
        return merged.outcomes().entrySet().stream().anyMatch(e -> !e.getKey().equals("PASSED") && e.getValue() > 0) ? 1 : 0;
    }

    @Override
    public Integer call() throws IOException {
        if (Files.isRegularFile(merge.get(0)) && isRunReport(merge.get(0))) {
            return mergeRunReports();
        }
        List<SoakSummary> parts = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        SoakSummary merged;
        try {
            for (Path p : merge) {
                Path f = Files.isDirectory(p) ? p.resolve(SummaryFiles.JSON) : p;
                if (!Files.isRegularFile(f)) {
                    throw new IllegalArgumentException("--merge: no " + SummaryFiles.JSON + " in " + p
                        + " (expected: a soak directory, as whopper soak --out writes)");
                }
                parts.add(Json.read(f, SoakSummary.class));
                sources.add(p.toString());
            }
            merged = SoakSummary.merge(parts, sources);
            OutputDirs.requireNewOrEmpty("--out", out);
        } catch (Json.MalformedFileException e) {
            throw bad("--merge: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        SummaryFiles.write(out, merged, List.of());
        PrintWriter pw = spec.commandLine().getOut();
        pw.println("merged " + parts.size() + " summaries (shards " + String.join(", ", merged.run().shards()) + ")"
            + (merged.run().complete() ? ", every seed of the soak" : ""));
        SoakCommand.print(pw, out, merged);
        return SoakCommand.exitCode(merged);
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
