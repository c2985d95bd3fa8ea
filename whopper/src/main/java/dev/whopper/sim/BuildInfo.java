package dev.whopper.sim;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The build this code came from: the project version and the git commit, both written into
 * {@code dev/whopper/build.properties} at build time ({@code unknown} when it was built without git, or
 * the resource is missing, as when running from an IDE's classes).
 */
public final class BuildInfo {
    private static final String RESOURCE = "/dev/whopper/build.properties";
    private static final Properties PROPS = load();

    private BuildInfo() { }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown, below
        }
        return p;
    }

    /** @return the project version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} */
    public static String version() {
        return value("version");
    }

    /** @return the git commit the build came from (40 hex digits, {@code -dirty} when the tree had changes), or {@code unknown} */
    public static String commit() {
        return value("commit");
    }

    /** @return {@code whopper 0.1.0-SNAPSHOT (commit 0123abcd...)} */
    public static String describe() {
        return "whopper " + version() + " (commit " + commit() + ")";
    }

    private static String value(String key) {
        String v = PROPS.getProperty(key, "").strip();
        return v.isEmpty() || v.startsWith("${") || v.startsWith("@") ? "unknown" : v;
    }
}
