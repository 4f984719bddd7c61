package dev.myelin.tests.golden;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the reference traces kept in the repository (test resources {@code golden/}, see its README). */
public final class TraceFiles {
    private TraceFiles() {
    }

    /** The folder of one datapath's traces, {@code golden/truenorth} or {@code golden/loihi}. */
    public static Path golden(String datapath) {
        URL url = TraceFiles.class.getResource("/golden/" + datapath);
        if (url == null) {
            throw new IllegalStateException("test resource golden/" + datapath + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
