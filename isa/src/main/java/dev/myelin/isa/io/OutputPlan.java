package dev.myelin.isa.io;

import dev.myelin.isa.diag.MyelinInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The files one command reads and writes, checked before any work so that a bad output path is
 * a one-line error (exit 2) with nothing written, instead of a failure at the end of a long run
 * or a lost input. Every output must be writable (its directory exists or can be created, and
 * may be written), must not be a directory, must not be a file the command reads, and must not
 * be another output of the command; only {@code /dev/null} may take several outputs.
 */
public final class OutputPlan {
    /** A file and how to name it in a message ({@code --spikes out.csv}, {@code the network description x.yaml}). */
    private record File(String label, Path path) {
    }

    private final List<File> inputs = new ArrayList<>();
    private final List<File> outputs = new ArrayList<>();

    /** A file the command reads; null is ignored. */
    public OutputPlan input(String label, Path path) {
        if (path != null) {
            inputs.add(new File(label, path));
        }
        return this;
    }

    /**
     * The file an option names when it takes a preset name or a file ({@code --arch},
     * {@code --energy-profile}): an input when {@code nameOrFile} names an existing file.
     */
    public OutputPlan inputIfFile(String label, String nameOrFile) {
        if (nameOrFile != null) {
            try {
                Path p = Path.of(nameOrFile);
                if (Files.isRegularFile(p)) {
                    input(label, p);
                }
            } catch (java.nio.file.InvalidPathException notAFileName) {
                // a name, refused or resolved by the option's own reader
            }
        }
        return this;
    }

    /** A file the command will write; null is ignored. */
    public OutputPlan output(String label, Path path) {
        if (path != null) {
            outputs.add(new File(label, path));
        }
        return this;
    }

    /** Checks every output; throws a {@link MyelinInputException} naming the first problem. */
    public void check() {
        List<Object> inputKeys = new ArrayList<>();
        for (File in : inputs) {
            inputKeys.add(identity(in.path()));
        }
        List<Object> outputKeys = new ArrayList<>();
        for (File out : outputs) {
            writable(out.path());
            Object key = identity(out.path());
            for (int i = 0; i < inputs.size(); i++) {
                if (key.equals(inputKeys.get(i))) {
                    throw new MyelinInputException(out.label() + " would overwrite " + inputs.get(i).label()
                            + ", which this command reads");
                }
            }
            int same = outputKeys.indexOf(key);
            if (same >= 0 && !key.equals(DEV_NULL)) {
                throw new MyelinInputException(outputs.get(same).label() + " and " + out.label()
                        + " are the same file; give each output its own");
            }
            outputKeys.add(key);
        }
    }

    private static final Object DEV_NULL = "/dev/null";

    /** Refuses an output that cannot be written: a directory, a missing directory that cannot be made, no permission. */
    private static void writable(Path target) {
        AtomicFiles.requireNotDirectory(target);
        Path abs = target.toAbsolutePath().normalize();
        if (OutputFile.standardStream(abs) != null || OutputFile.openDescriptor(abs)) {
            return;
        }
        try {
            if (OutputFile.notAFile(target)) {
                if (!Files.isWritable(target)) {
                    throw new MyelinInputException("cannot write " + target + ": permission denied");
                }
                return;
            }
            Path dest = OutputFile.followLinks(target.toAbsolutePath());
            if (Files.isDirectory(dest)) {
                throw new MyelinInputException("cannot write " + target + ": is a directory");
            }
            Path missing = null;
            Path dir = dest.getParent();
            while (dir != null && !Files.exists(dir)) {
                missing = dir;
                dir = dir.getParent();
            }
            if (dir == null) {
                return;
            }
            String where = missing == null ? "" : missing + ": ";
            if (!Files.isDirectory(dir)) {
                throw new MyelinInputException("cannot write " + target + ": " + where + dir + " is not a directory");
            }
            if (!Files.isWritable(dir)) {
                throw new MyelinInputException("cannot write " + target + ": " + where + dir + ": permission denied");
            }
        } catch (IOException e) {
            throw new MyelinInputException("cannot write " + target + ": " + AtomicFiles.reason(e));
        }
    }

    /**
     * What makes two paths one file: the device and inode of an existing file (so a hard link or
     * a second name through a symbolic link is the same file), the descriptor of a standard
     * stream, else the real path of the nearest existing directory plus the rest of the name.
     */
    static Object identity(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        var std = OutputFile.standardStream(abs);
        if (std != null) {
            return std == java.io.FileDescriptor.out ? "fd:1" : "fd:2";
        }
        try {
            if (Files.exists(p)) {
                Path real = p.toRealPath();
                if (real.equals(Path.of("/dev/null"))) {
                    return DEV_NULL;
                }
                Object key = Files.readAttributes(real, BasicFileAttributes.class).fileKey();
                return key != null ? key : real;
            }
            Path dest = OutputFile.followLinks(p.toAbsolutePath());
            Path dir = dest.getParent();
            Path rest = dest.getFileName();
            while (dir != null && !Files.exists(dir)) {
                rest = dir.getFileName().resolve(rest);
                dir = dir.getParent();
            }
            return dir == null ? dest.normalize() : dir.toRealPath().resolve(rest).normalize();
        } catch (IOException e) {
            return abs;
        }
    }
}
