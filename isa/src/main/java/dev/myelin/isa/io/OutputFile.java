package dev.myelin.isa.io;

import dev.myelin.isa.diag.MyelinFailureException;
import dev.myelin.isa.diag.MyelinInputException;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One output file while it is written. A file is written to a hidden temporary file beside it
 * and renamed over it by {@link #publish()}, so a reader never sees half a file; a symbolic link
 * is followed first, so the link stays and its target is replaced. What is not a file is written
 * through, never replaced: the process's standard output and error ({@code /dev/stdout},
 * {@code /dev/fd/1}, ...), other open descriptors ({@code /dev/fd/N}), and devices, FIFOs and
 * sockets ({@code /dev/null}, {@code /dev/full}, a named pipe).
 *
 * <p>A path that cannot be opened is a {@link MyelinInputException} (exit 2); a write, close or
 * rename that fails later (a full disk) is a {@link MyelinFailureException} (exit 1) naming the
 * file, after the temporary file is deleted.
 *
 * <p>A temporary file is named {@code .NAME.PID.N.tmp}, after the target and the writing
 * process. A process killed outright (SIGKILL, a power cut) cannot delete its own, so opening
 * NAME again deletes those of processes that no longer run. {@link #abandonAll} deletes this
 * process's own before it ends at once.
 */
public final class OutputFile implements AutoCloseable {
    /** Most symbolic links followed from the target before giving up (Linux's own limit). */
    static final int MAX_LINKS = 40;

    /** The temporary files of this process not yet renamed or deleted. */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    /** Set by {@link #abandonAll}: the process is ending, nothing more may be published. */
    private static volatile boolean abandoned;

    private final Path target;
    private final Path destination;
    private final Path tmp;
    private final OutputStream raw;
    private final BufferedOutputStream out;
    private final boolean shared;
    private boolean done;

    private OutputFile(Path target, Path destination, Path tmp, OutputStream raw, boolean shared) {
        this.target = target;
        this.destination = destination;
        this.tmp = tmp;
        this.raw = raw;
        this.out = new BufferedOutputStream(raw, 1 << 16);
        this.shared = shared;
    }

    /** Opens {@code target} for writing (see the class comment for where the bytes go). */
    public static OutputFile open(Path target) {
        AtomicFiles.requireNotDirectory(target);
        Path abs = target.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            FileDescriptor std = standardStream(abs);
            if (std != null) {
                return new OutputFile(target, null, null, new FileOutputStream(std), true);
            }
            if (openDescriptor(abs) || notAFile(target)) {
                return new OutputFile(target, null, null, Files.newOutputStream(target, StandardOpenOption.WRITE), false);
            }
            Path dest = followLinks(target.toAbsolutePath());
            Path dir = dest.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            String name = dest.getFileName().toString();
            deleteStale(dir, name);
            tmp = Files.createTempFile(dir, "." + name + "." + ProcessHandle.current().pid() + ".", ".tmp");
            LIVE.add(tmp);
            if (abandoned) {
                deleteQuietly(tmp); // abandonAll may have run before the file was registered
                waitForTheEnd();
            }
            AtomicFiles.readableByAll(tmp);
            OutputFile f = new OutputFile(target, dest, tmp, Files.newOutputStream(tmp), false);
            tmp = null;
            return f;
        } catch (IOException e) {
            throw new MyelinInputException("cannot write " + target + ": " + AtomicFiles.reason(e));
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** The file as given. */
    public Path target() {
        return target;
    }

    /** Where the bytes go (buffered); failures of its writes should go through {@link #failed}. */
    public OutputStream stream() {
        return out;
    }

    /** Whether the bytes go straight to a device, pipe or open descriptor (nothing is renamed). */
    public boolean writtenThrough() {
        return tmp == null;
    }

    /** Flushes, closes and renames the temporary file over the target (or flushes a written-through one). */
    public void publish() {
        if (done) {
            return;
        }
        try {
            out.flush();
            if (shared) {
                done = true;
                return;
            }
            raw.close();
            if (tmp != null) {
                if (abandoned) {
                    waitForTheEnd();
                }
                try {
                    Files.move(tmp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, destination, StandardCopyOption.REPLACE_EXISTING);
                }
                LIVE.remove(tmp);
            }
            done = true;
        } catch (IOException e) {
            if (abandoned) {
                waitForTheEnd(); // abandonAll deleted the temporary file: no failure to report
            }
            throw failed(e);
        }
    }

    /**
     * Discards the file after a failed write and returns the one-line failure to throw, naming the
     * file and the system's reason ({@code cannot write /dev/full: No space left on device}).
     */
    public MyelinFailureException failed(IOException e) {
        discard();
        return new MyelinFailureException("cannot write " + target + ": " + AtomicFiles.reason(e));
    }

    /** Deletes the temporary file (what was written through stays written). */
    public void discard() {
        if (done) {
            return;
        }
        done = true;
        try {
            if (shared) {
                out.flush();
            } else {
                raw.close();
            }
        } catch (IOException ignored) {
            // the write is abandoned: its failure has been or is being reported
        }
        deleteQuietly(tmp);
    }

    /** Discards unless published. */
    @Override
    public void close() {
        discard();
    }

    /**
     * Whether {@link #open} would write {@code target} through (standard output, an open
     * descriptor, an existing device, FIFO or socket) rather than replace it.
     */
    public static boolean writesThrough(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return standardStream(abs) != null || openDescriptor(abs) || notAFile(target);
    }

    /** The descriptor for the process's own standard output or error under any of its names, else null. */
    static FileDescriptor standardStream(Path abs) {
        String s = abs.toString();
        String self = "/proc/" + ProcessHandle.current().pid() + "/fd/";
        if (s.equals("/dev/stdout") || s.equals("/dev/fd/1") || s.equals("/proc/self/fd/1") || s.equals(self + "1")) {
            return FileDescriptor.out;
        }
        if (s.equals("/dev/stderr") || s.equals("/dev/fd/2") || s.equals("/proc/self/fd/2") || s.equals(self + "2")) {
            return FileDescriptor.err;
        }
        return null;
    }

    /** A name for a descriptor this process has open ({@code /dev/fd/63} of a shell's process substitution). */
    static boolean openDescriptor(Path abs) {
        return abs.startsWith("/dev/fd/") || abs.startsWith("/proc/self/fd/")
                || abs.startsWith("/proc/" + ProcessHandle.current().pid() + "/fd/");
    }

    /** An existing device, FIFO or socket (links followed): written through, never replaced. */
    static boolean notAFile(Path target) {
        try {
            return Files.readAttributes(target, BasicFileAttributes.class).isOther();
        } catch (IOException missingOrUnreachable) {
            return false; // opening it as a file says why, if it cannot be written
        }
    }

    /** The file a chain of symbolic links ends at (itself when it is no link; it need not exist). */
    static Path followLinks(Path abs) throws IOException {
        Path p = abs;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == MAX_LINKS) {
                throw new FileSystemException(abs.toString(), null, "too many levels of symbolic links");
            }
            p = p.resolveSibling(Files.readSymbolicLink(p));
        }
        return p;
    }

    /**
     * Deletes every temporary file of this process and stops every later open or publish (the
     * calling thread waits for the process to end): for a process about to halt, which runs no
     * more cleanup of its own.
     */
    public static void abandonAll() {
        abandoned = true;
        for (Path tmp : LIVE) {
            deleteQuietly(tmp);
        }
    }

    private static void waitForTheEnd() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // the process is ending: nothing to do but wait for it
            }
        }
    }

    /**
     * Deletes {@code .NAME.PID.N.tmp} files in {@code dir} left by processes that no longer run (or
     * by an earlier process with this one's number). A file that cannot be deleted is left alone.
     */
    static void deleteStale(Path dir, String name) {
        String prefix = "." + name + ".";
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, f -> {
            String n = f.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                Matcher m = PID_N.matcher(n.substring(prefix.length(), n.length() - ".tmp".length()));
                if (!m.matches()) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                boolean running = pid == self ? LIVE.contains(f)
                        : ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!running) {
                    deleteQuietly(f);
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException ignored) {
            // an unreadable directory: writing the new file says what is wrong, if anything
        }
    }

    private static final Pattern PID_N = Pattern.compile("(\\d{1,18})\\.\\d+");

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // best effort: the temporary file is hidden and named after the target
        }
        LIVE.remove(tmp);
    }
}
