package dev.myelin.isa.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The toolchain's version, stamped into the isa jar at build time (written into outputs such as VCD headers). */
public final class Version {
    private Version() {
    }

    /** The version, or {@code unknown} when the stamp is missing. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/myelin/isa/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // fall through to "unknown"
        }
        return p.getProperty("version", "unknown");
    }
}
