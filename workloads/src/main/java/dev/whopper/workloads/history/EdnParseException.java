package dev.whopper.workloads.history;

/** Malformed EDN, or EDN that is not an Elle history: the message names the 1-based line where it went wrong. */
public final class EdnParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * @param line    the 1-based line number
     * @param problem what is wrong there
     */
    public EdnParseException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    /** @return the 1-based line number of the problem */
    public int line() {
        return line;
    }
}
