package dev.myelin.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's sample networks ({@code firmware-samples/samples}), found from the working directory up. */
public final class Samples {
    private Samples() {
    }

    /** {@code firmware-samples/samples} in the nearest folder, from the working directory up, that holds it. */
    public static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path samples = p.resolve("firmware-samples/samples");
            if (Files.isDirectory(samples)) {
                return samples;
            }
        }
        throw new IllegalStateException("firmware-samples/samples not found above " + Path.of("").toAbsolutePath());
    }

    /** Sample {@code name}'s folder. */
    public static Path of(String name) {
        return dir().resolve(name);
    }
}
