package dev.whopper.workloads.history;

/** What the transactions of a history do: append to lists, or read and write registers. */
public enum Model {
    /** {@code [:append k v]} and {@code [:r k [v ...]]}: each key holds a list; values appended once each. */
    LIST_APPEND("list-append"),
    /** {@code [:w k v]} and {@code [:r k v]}: each key holds one value; every value written once per key. */
    RW_REGISTER("rw-register");

    private final String cliName;

    Model(String cliName) {
        this.cliName = cliName;
    }

    /** @return the name on the command line, {@code list-append} or {@code rw-register} */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name {@code list-append} or {@code rw-register}
     * @return the model
     * @throws IllegalArgumentException for any other name
     */
    public static Model byName(String name) {
        for (Model m : values()) {
            if (m.cliName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("model: " + name + " (expected: list-append or rw-register)");
    }
}
