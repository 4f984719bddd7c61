package dev.myelin.cli;

import dev.myelin.isa.diag.MyelinFailureException;
import dev.myelin.isa.diag.MyelinInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code myelin} command line. Exit codes: 0 success, 1 failure while running,
 * 2 bad input or usage. User errors print one line, never a stack trace (set
 * {@code MYELIN_DEBUG=1} to see traces of internal errors).
 */
@Command(name = "myelin", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Compile spiking neural networks onto neuromorphic chips and emulate them.",
        footer = {"", "Exit codes: 0 success, 1 failure while running, 2 bad input or usage.",
                "Run 'myelin help COMMAND' (or 'myelin COMMAND --help') for a command's options."})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the tool with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args.length == 0 ? null : args[0]);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors through; a large network can need more than the default heap
            err.println("myelin: failed: out of memory (Java heap); give it more, e.g. MYELIN_JAVA_OPTS=-Xmx8g " + prog() + " ...");
            err.flush();
            return EXIT_FAILURE;
        }
    }

    /** Every subcommand, new instances (picocli fills their fields). */
    static List<MyelinCommand> commands() {
        return List.of(new DemoCommand(), new ArchCommand(), new AsmCommand(), new DisasmCommand(),
                new CompileCommand(), new RunCommand(), new NirCheckCommand(), new EnergyCommand(), new NocCommand(),
                new BenchCommand(), new StdpWindowCommand(), new DeviceCurvesCommand());
    }

    /** The whole command line, every subcommand registered. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line for arguments starting with {@code first}: when it names a subcommand only
     * that one is registered (picocli reflects over every option of every registered command, a
     * good part of a small run's start-up); otherwise all of them, for help, suggestions and errors.
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new Main());
        List<MyelinCommand> all = commands();
        List<MyelinCommand> named = all.stream()
                .filter(c -> c.getClass().getAnnotation(Command.class).name().equals(first)).toList();
        List<MyelinCommand> commands = (named.isEmpty() ? all : named).stream()
                .sorted(Comparator.comparingInt(MyelinCommand::order)
                        .thenComparing(c -> c.getClass().getAnnotation(Command.class).name()))
                .toList();
        for (MyelinCommand c : commands) {
            cl.addSubcommand(c);
        }
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        cl.setExitCodeExceptionMapper(Main::exitCodeOf);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            PrintWriter err = line.getErr();
            Throwable e = ex;
            if (e instanceof MyelinInputException) {
                err.println("myelin " + line.getCommandName() + ": error: " + e.getMessage());
            } else if (e instanceof MyelinFailureException) {
                err.println("myelin " + line.getCommandName() + ": failed: " + e.getMessage());
            } else {
                err.println("myelin " + line.getCommandName() + ": failed: " + e);
                if (System.getenv("MYELIN_DEBUG") != null) {
                    e.printStackTrace(err);
                }
            }
            err.flush();
            return exitCodeOf(e);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("myelin: usage error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + hint(ex.getCommandLine().getCommandSpec().qualifiedName()) + " --help'.");
            err.flush();
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    /**
     * The command as the user typed it, for hints: the launcher passes its own path as typed
     * ({@code ./myelin} from the repository root, as the README does) in the system property
     * {@code myelin.prog}; elsewhere it is plain {@code myelin}.
     */
    public static String prog() {
        String p = System.getProperty("myelin.prog");
        return p == null || p.isBlank() ? "myelin" : p;
    }

    /** {@code text} with a leading {@code myelin} replaced by {@link #prog()}. */
    public static String hint(String text) {
        return text.startsWith("myelin") ? prog() + text.substring("myelin".length()) : text;
    }

    static int exitCodeOf(Throwable e) {
        return e instanceof MyelinInputException || e instanceof CommandLine.ParameterException
                ? EXIT_BAD_INPUT : EXIT_FAILURE;
    }

    /** Reads the version stamped into the jar at build time. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"myelin " + version(), "Java " + System.getProperty("java.version")};
        }

        public static String version() {
            return dev.myelin.isa.io.Version.version();
        }
    }
}
