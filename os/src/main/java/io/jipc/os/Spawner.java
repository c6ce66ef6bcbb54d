package io.jipc.os;

import jnr.posix.SpawnFileAction;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts child processes with chosen file descriptors inherited: Java cannot {@code fork}, so
 * "related processes" (pipes, anonymous shared memory, {@code IPC_PRIVATE} objects,
 * socketpairs) are served by a parent that spawns its peers and hands them the descriptors and
 * URIs they need. The test kit's child-JVM harness and the benchmarks' peers use it too.
 *
 * <pre>{@code
 * Spawner s = Spawner.jvm(EchoPeer.class, "pipe:?fd=3,4");
 * s.inherit(readFd);            // becomes fd 3 in the child
 * s.inherit(writeFd);           // becomes fd 4
 * try (ChildProcess child = s.start()) {
 *     child.awaitOutput("READY", Duration.ofSeconds(30));
 *     ...
 * }
 * }</pre>
 *
 * Built on {@code posix_spawnp}: the child's standard input is {@code /dev/null}, its standard
 * output and error go to a log file that {@link ChildProcess#output()} reads, inherited
 * descriptors are renumbered from 3 in the order given (the parent's descriptors should be
 * {@code O_CLOEXEC}, as every descriptor jipc creates is, so nothing else leaks into children).
 */
public final class Spawner {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final java.util.Set<Integer> SPAWNED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static volatile Path readableClassPath;

    private final List<String> command = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<Integer> inherited = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>(System.getenv());
    private final String mainClass;
    private final List<String> args = new ArrayList<>();
    private int uid = -1;
    private int gid = -1;

    private Spawner(String mainClass, List<String> commandOrArgs) {
        this.mainClass = mainClass;
        if (mainClass == null) {
            command.addAll(commandOrArgs);
        } else {
            args.addAll(commandOrArgs);
        }
    }

    /**
     * A child JVM running {@code main} with this JVM's class path and Java.
     *
     * @param main the class whose {@code main} the child runs
     * @param args the arguments of {@code main}
     * @return a spawner to configure, then {@link #start()}
     */
    public static Spawner jvm(Class<?> main, String... args) {
        return jvm(main.getName(), args);
    }

    /**
     * A child JVM running the class named {@code mainClass}.
     *
     * @param mainClass the fully qualified name of a class on this JVM's class path
     * @param args the arguments of its {@code main}
     * @return a spawner to configure, then {@link #start()}
     */
    public static Spawner jvm(String mainClass, String... args) {
        return new Spawner(mainClass, List.of(args));
    }

    /**
     * Any command, found on {@code PATH}.
     *
     * @param argv the program and its arguments
     * @return a spawner to configure, then {@link #start()}
     */
    public static Spawner command(String... argv) {
        if (argv.length == 0) {
            throw new IllegalArgumentException("spawn: empty command");
        }
        return new Spawner(null, List.of(argv));
    }

    /**
     * Passes the parent's {@code fd} to the child.
     *
     * @param fd a descriptor open in this process
     * @return the descriptor's number in the child (3, 4, ... in call order)
     */
    public int inherit(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("spawn: cannot inherit descriptor " + fd);
        }
        inherited.add(fd);
        return 2 + inherited.size();
    }

    /**
     * Adds a JVM option; child JVMs only.
     *
     * @param option e.g. {@code -Xmx64m}
     * @return this spawner
     */
    public Spawner jvmOption(String option) {
        requireJvm("jvmOption");
        jvmOptions.add(option);
        return this;
    }

    /**
     * Sets an environment variable in the child.
     *
     * @param name the variable's name
     * @param value its value
     * @return this spawner
     */
    public Spawner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /**
     * Runs the child as another user (via {@code setpriv}; the parent must be root). For a child
     * JVM the class path is first copied where that user can read it.
     *
     * @param uid the user id the child runs as
     * @param gid the group id the child runs as
     * @return this spawner
     */
    public Spawner asUser(int uid, int gid) {
        this.uid = uid;
        this.gid = gid;
        return this;
    }

    private void requireJvm(String what) {
        if (mainClass == null) {
            throw new IllegalStateException(what + " applies to child JVMs only");
        }
    }

    /** {@return the command line the child will run (for messages and tests)} */
    public List<String> commandLine() {
        List<String> argv = new ArrayList<>();
        if (uid >= 0) {
            argv.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
        }
        if (mainClass == null) {
            argv.addAll(command);
            return argv;
        }
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("-cp");
        argv.add(uid >= 0 ? readableClassPath() : System.getProperty("java.class.path"));
        argv.add("-Xshare:auto");
        argv.add("-XX:+UseSerialGC");
        argv.add("-Djipc.parent.pid=" + ProcessHandle.current().pid());
        argv.addAll(jvmOptions);
        argv.add(mainClass);
        argv.addAll(args);
        return argv;
    }

    /**
     * Starts the child.
     *
     * @return the running child, which the caller waits for or kills
     * @throws io.jipc.api.IpcException naming the command when {@code posix_spawnp} fails
     */
    public ChildProcess start() {
        List<String> argv = commandLine();
        Path log;
        try {
            log = Files.createTempFile("jipc-spawn-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("spawn: cannot create the child's log file", e);
        }
        if (uid >= 0) {
            log.toFile().setWritable(true, false);
        }
        List<SpawnFileAction> actions = new ArrayList<>();
        actions.add(SpawnFileAction.open("/dev/null", 0, Fcntl.O_RDONLY, 0));
        actions.add(SpawnFileAction.open(log.toString(), 1, Fcntl.O_WRONLY | Fcntl.O_APPEND, 0));
        actions.add(SpawnFileAction.dup(1, 2));
        int n = inherited.size();
        int stage = 3 + n + 16;
        for (int fd : inherited) {
            stage = Math.max(stage, fd + 1);
        }
        // Two stages so that a target number never clobbers a source not yet moved.
        for (int i = 0; i < n; i++) {
            actions.add(SpawnFileAction.dup(inherited.get(i), stage + i));
        }
        for (int i = 0; i < n; i++) {
            actions.add(SpawnFileAction.dup(stage + i, 3 + i));
            actions.add(SpawnFileAction.close(stage + i));
        }
        List<String> envp = new ArrayList<>();
        env.forEach((k, v) -> envp.add(k + "=" + v));
        long pid = Native.posix().posix_spawnp(argv.get(0), actions, argv, envp);
        if (pid <= 0) {
            int e = Native.errno();
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // best effort
            }
            throw Errno.exception("posix_spawnp", null, e, "cannot start " + argv.get(0) + ": " + Errno.describe(e));
        }
        SPAWNED.add((int) pid);
        return new ChildProcess((int) pid, log, String.join(" ", argv));
    }

    /** {@return the pids of every child this JVM has spawned (for the test kit's leak guard)} */
    public static java.util.Set<Integer> spawnedPids() {
        return java.util.Collections.unmodifiableSet(SPAWNED);
    }

    private static String readableClassPath() {
        Path p = readableClassPath;
        if (p != null) {
            return classPathIn(p);
        }
        synchronized (Spawner.class) {
            if (readableClassPath == null) {
                try {
                    Path dir = Files.createTempDirectory("jipc-cp-" + ProcessHandle.current().pid() + "-");
                    dir.toFile().setReadable(true, false);
                    dir.toFile().setExecutable(true, false);
                    int i = 0;
                    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                        Path src = Path.of(entry);
                        if (!Files.exists(src)) {
                            continue;
                        }
                        Path dst = dir.resolve(String.format("%03d-%s", i++, src.getFileName()));
                        copyTree(src, dst);
                    }
                    readableClassPath = dir;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                } catch (IOException e) {
                    throw new UncheckedIOException("spawn: cannot copy the class path for another user", e);
                }
            }
            return classPathIn(readableClassPath);
        }
    }

    private static String classPathIn(Path dir) {
        try (var s = Files.list(dir)) {
            return String.join(File.pathSeparator, s.sorted().map(Path::toString).toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path src, Path dst) throws IOException {
        try (var walk = Files.walk(src)) {
            for (Path s : (Iterable<Path>) walk::iterator) {
                Path d = dst.resolve(src.relativize(s).toString());
                if (Files.isDirectory(s)) {
                    Files.createDirectories(d);
                } else {
                    Files.copy(s, d, StandardCopyOption.REPLACE_EXISTING);
                }
                d.toFile().setReadable(true, false);
                if (Files.isDirectory(d)) {
                    d.toFile().setExecutable(true, false);
                }
            }
        }
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
