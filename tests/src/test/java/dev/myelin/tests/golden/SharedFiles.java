package dev.myelin.tests.golden;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared reference material: walks up from the working directory to a folder holding shared/reference. */
public final class SharedFiles {
    private SharedFiles() {
    }

    /** The {@code shared} folder (beside the repository, or beside the folder holding the worktrees). */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared").resolve("reference"))) {
                return p.resolve("shared");
            }
        }
        throw new IllegalStateException("no shared/reference above " + Path.of("").toAbsolutePath());
    }

    public static Path golden(String datapath) {
        return root().resolve("golden").resolve(datapath);
    }
}
