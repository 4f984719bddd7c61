package dev.myelin.cli;

import dev.myelin.isa.diag.MyelinInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A sample network the tool carries: the repository's copy when the launcher says where the
 * repository is ({@code MYELIN_HOME}), else the copy packaged on the class path (under
 * {@code myelin/samples/}), unpacked with the data files it names into a temporary folder.
 */
final class BundledSample {
    private BundledSample() {
    }

    /**
     * @param sample the sample's folder name ({@code demo}, {@code cuba_full})
     * @param files  its description first, then the data files the description names
     * @return the description
     */
    static Path locate(String sample, String... files) {
        String home = System.getenv("MYELIN_HOME");
        if (home != null) {
            Path p = Path.of(home, repoPath(sample, files[0]));
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        try {
            Path dir = Files.createTempDirectory("myelin-" + sample);
            dir.toFile().deleteOnExit();
            for (String f : files) {
                String resource = "myelin/samples/" + sample + "/" + f;
                try (InputStream in = BundledSample.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("the sample file " + resource + " is missing from the class path");
                    }
                    Path p = dir.resolve(f);
                    Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
                    p.toFile().deleteOnExit();
                }
            }
            return dir.resolve(files[0]);
        } catch (IOException e) {
            throw new MyelinInputException("cannot unpack the sample " + sample + ": " + e.getMessage());
        }
    }

    /** The description's path relative to the repository. */
    static String repoPath(String sample, String file) {
        return "firmware-samples/samples/" + sample + "/" + file;
    }
}
