package dev.whopper.cli;

import dev.whopper.workloads.check.CheckResult;
import dev.whopper.workloads.check.CheckText;
import dev.whopper.workloads.check.Checker;
import dev.whopper.workloads.check.Consistency;
import dev.whopper.workloads.history.EdnParseException;
import dev.whopper.workloads.history.History;
import dev.whopper.workloads.history.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code whopper check-history}: checks an Elle EDN history (Jepsen's Elle, Turso's {@code --elle} export, or a
 * whopper run's) with the in-process checker and prints each anomaly with its witness. Exit 0 when the history is
 * valid under the model, 1 when it is not, 2 for a bad option, a missing file or malformed input (one line naming
 * the line number).
 */
@Command(name = "check-history", mixinStandardHelpOptions = true,
    description = "Check an Elle EDN history of list-append or rw-register transactions against a consistency model.")
public final class CheckHistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", description = "list-append or rw-register (default: ${DEFAULT-VALUE}).",
        defaultValue = "list-append")
    String model;

    @Option(names = "--consistency", description = "serializable, snapshot-isolation or strict-serializable "
        + "(default: ${DEFAULT-VALUE}).", defaultValue = "serializable")
    String consistency;

    @Parameters(index = "0", paramLabel = "FILE", description = "The history: Elle EDN event maps, one a line.")
    Path file;

    @Override
    public Integer call() {
        Model m;
        Consistency c;
        try {
            m = Model.byName(model);
            c = Consistency.byName(consistency);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
        History history;
        try {
            history = History.parse(Files.readString(file, StandardCharsets.UTF_8), m);
        } catch (NoSuchFileException e) {
            return usage(file + ": no such file");
        } catch (CharacterCodingException e) {
            return usage(file + ": not UTF-8 text");
        } catch (IOException e) {
            return usage(file + ": cannot read (" + e.getMessage() + ")");
        } catch (EdnParseException e) {
            return usage(file + ": " + e.getMessage());
        }
        CheckResult r = Checker.check(history, m, c);
        spec.commandLine().getOut().print(CheckText.render(r));
        spec.commandLine().getOut().flush();
        return r.valid() ? 0 : 1;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("whopper: check-history: " + message);
        return 2;
    }
}
