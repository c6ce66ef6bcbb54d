package io.jipc.cli;

import io.jipc.api.IpcException;
import io.jipc.api.IpcUriException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The {@code jipc} command. Exit codes: {@value #EXIT_OK} ok, {@value #EXIT_FAILURE} the
 * operation failed, {@value #EXIT_USAGE} the command line is wrong. Stack traces are printed only
 * with {@code --verbose}.
 */
@Command(name = "jipc", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Every classic Linux IPC mechanism behind one Java API: list backends and limits, inspect, send to, receive from and remove IPC objects, measure them, run the seeds' demos."},
        subcommands = {BackendsCommand.class, LimitsCommand.class, BenchCommand.class, ReportCommand.class, ChooseCommand.class,
                LsCommand.class, RmCommand.class, StatCommand.class, SendCommand.class, RecvCommand.class, DemoCommand.class, StressCommand.class, VerifyCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage error."})
public final class Main implements Runnable {
    /** Success. */
    public static final int EXIT_OK = 0;
    /** The operation failed (object not found, permission denied, nothing received in time...). */
    public static final int EXIT_FAILURE = 1;
    /** The command line is wrong (unknown option, bad URI, bad duration or selection...). */
    public static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces, and the library's debug and info log lines on standard error.")
    boolean verbose;

    /** Hidden: lay tables out for this many columns (tests; users set COLUMNS). */
    @Option(names = "--columns", hidden = true, scope = ScopeType.INHERIT)
    Integer columnsOption;

    /** Hidden: treat standard output as a terminal (tests of the binary-to-terminal refusal). */
    @Option(names = "--assume-tty", hidden = true, scope = ScopeType.INHERIT)
    boolean assumeTty;

    InputStream in = System.in;
    java.io.OutputStream rawOut = System.out;
    boolean stdoutIsTerminal = System.console() != null;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The columns tables are laid out for: --columns, COLUMNS, the terminal's, else 80. */
    int columns() {
        return columnsOption != null && columnsOption > 0 ? columnsOption : Terminal.columns(terminal());
    }

    /** Is standard output a terminal? */
    boolean terminal() {
        return assumeTty || stdoutIsTerminal;
    }

    /** A picocli command line for {@code main}, with jipc's error handling, writing to {@code out}/{@code err}. */
    public static CommandLine commandLine(Main main, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // help is wrapped once, by picocli, to the terminal (descriptions are one string per paragraph)
        cl.setUsageHelpWidth(Math.max(55, Math.min(160, main.columns())));
        // the library's System.Logger lines: debug and info with --verbose, else warnings only
        cl.setExecutionStrategy(parsed -> {
            Logging.setUp(main.verbose, err);
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            String hint = "try '" + c.getCommandSpec().qualifiedName() + " --help'";
            if (ex instanceof CommandLine.UnmatchedArgumentException) {
                java.util.List<String> s = ((CommandLine.UnmatchedArgumentException) ex).getSuggestions();
                if (!s.isEmpty()) {
                    hint = "did you mean " + String.join(" or ", s.subList(0, Math.min(3, s.size()))) + "?";
                }
            }
            c.getErr().println("jipc: " + oneLine(ex.getMessage()) + " (" + hint + ")");
            c.getErr().flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            Main root = (Main) c.getCommandSpec().root().userObject();
            PrintWriter e = c.getErr();
            int code;
            if (ex instanceof UsageError || ex instanceof IpcUriException || ex instanceof IllegalArgumentException) {
                e.println("jipc: " + oneLine(ex.getMessage()) + " (try '" + c.getCommandSpec().qualifiedName() + " --help')");
                code = EXIT_USAGE;
            } else if (ex instanceof Failure || ex instanceof IpcException) {
                e.println("jipc: " + oneLine(ex.getMessage()));
                code = EXIT_FAILURE;
            } else if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
                java.io.IOException ioe = ex instanceof java.io.IOException ? (java.io.IOException) ex
                        : ((java.io.UncheckedIOException) ex).getCause();
                String file = ioe instanceof java.nio.file.FileSystemException ? ((java.nio.file.FileSystemException) ioe).getFile() : null;
                e.println("jipc: " + oneLine((file == null ? "" : file + ": ") + Failure.why(ioe)));
                code = EXIT_FAILURE;
            } else {
                e.println("jipc: internal error: " + oneLine(ex.toString())
                        + (root.verbose ? "" : " (run again with --verbose for the stack trace)"));
                code = EXIT_FAILURE;
            }
            if (root.verbose) {
                ex.printStackTrace(e);
            }
            e.flush();
            return code;
        });
        return cl;
    }

    /**
     * Runs {@code args} with the given streams (the tests' entry point).
     *
     * @return the exit code
     */
    public static int run(String[] args, java.io.OutputStream stdout, java.io.OutputStream stderr, InputStream in,
                          boolean terminal) {
        Main main = new Main();
        main.in = in;
        main.rawOut = stdout;
        main.stdoutIsTerminal = terminal;
        for (String a : args) {
            if (a.startsWith("--columns=")) { // before parsing: the help is laid out for it too
                main.columnsOption = Terminal.parse(a.substring("--columns=".length()));
            }
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stdout, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(stderr, java.nio.charset.StandardCharsets.UTF_8), true);
        int code = commandLine(main, out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The launcher's entry point. */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.in, System.console() != null);
        System.exit(code);
    }

    /** {@code s} on one line (an error message is one line on standard error). */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    /** Stack trace as text (for --verbose output of handled errors). */
    static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"jipc " + (v == null ? "0.1.0-SNAPSHOT" : v) + ", Java " + System.getProperty("java.version")};
        }
    }
}
