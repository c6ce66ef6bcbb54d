package io.jipc.os;

import java.nio.ByteBuffer;

/**
 * The one reader of {@code /proc/<pid>/stat}: is a process alive, and is it still the process
 * that started at a given time (a pid can be reused)? Answers without allocating: the path and the
 * line live in native scratch memory of this reader, the file is opened with {@code openat} on
 * that memory, and the line is parsed in place. One reader per thread ({@link #forThisThread()}),
 * or one per handle; an instance is not thread-safe.
 *
 * <p>The line is {@code pid (comm) state ppid ... starttime ...}: the command name (field 2) may
 * contain spaces and parentheses, so the fields after it are counted from the <em>last</em>
 * {@code ')'}. Field 3 is the state ({@code R}, {@code S}, {@code Z} for a zombie...), field 22 the
 * start time in clock ticks after boot.
 */
public final class ProcStat {
    /** {@link #startTime(long)} when there is no such process. */
    public static final long NO_PROCESS = -1;
    /** {@link #startTime(long)} when the process exists but its start time cannot be read. */
    public static final long UNKNOWN = -2;
    /** {@link #state(long)} when the state cannot be read. */
    public static final char UNKNOWN_STATE = '?';

    private static final int READ = 1;
    private static final int GONE = 0;
    private static final int UNREADABLE = -1;
    private static final int PATH_SIZE = 32;
    private static final int LINE_SIZE = 4096;
    private static final int START_TIME_FIELD = 22;
    private static final int UTIME_FIELD = 14;
    private static final ThreadLocal<ProcStat> PER_THREAD = ThreadLocal.withInitial(ProcStat::new);

    private final ByteBuffer scratch = ByteBuffer.allocateDirect(PATH_SIZE + LINE_SIZE); // freed by the GC
    private final long path = NativeMemory.address(scratch);
    private final long line = path + PATH_SIZE;
    private int length; // of the line last read
    private int afterComm; // index of the first byte after the last ')' of the line last read

    /** A reader with its own scratch memory. */
    public ProcStat() {
    }

    /** {@return this thread's reader (created once per thread)} */
    public static ProcStat forThisThread() {
        return PER_THREAD.get();
    }

    /**
     * Is {@code pid} a running process (not a zombie)? {@code kill(pid, 0)} first ({@code ESRCH}:
     * gone; {@code EPERM}: it exists, another user's), then the state in {@code /proc}. When
     * {@code /proc} cannot tell, the process counts as alive.
     *
     * @param pid the process
     * @return {@code true} if it runs (this process always does)
     */
    public boolean alive(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            return false;
        }
        if (pid == Proc.pid()) {
            return true;
        }
        if (Signal.LIB.kill((int) pid, 0) != 0 && Native.errno() == Errno.ESRCH) {
            return false;
        }
        int r = load(pid);
        if (r == GONE) {
            return !procMounted(); // no /proc at all: cannot tell, so alive
        }
        if (r == UNREADABLE) {
            return true;
        }
        char s = stateOfLine();
        return s != 'Z' && s != 'X';
    }

    /**
     * Is {@code pid} the running process that started at {@code startTime}? {@code false} when it
     * is gone, a zombie, or a later process that reuses the pid.
     *
     * @param pid the process
     * @param startTime its start time as {@link #startTime(long)} gave it when it was recorded;
     *                  a negative value means unknown (then only liveness is checked)
     * @return {@code true} if that very process still runs (or {@code /proc} cannot tell)
     */
    public boolean sameProcess(long pid, long startTime) {
        if (!alive(pid)) {
            return false;
        }
        if (startTime < 0 || load(pid) != READ) {
            return true;
        }
        long now = startTimeOfLine();
        return now < 0 || now == startTime;
    }

    /**
     * The start time of {@code pid} (field 22: clock ticks after boot).
     *
     * @param pid the process
     * @return the start time, {@link #NO_PROCESS}, or {@link #UNKNOWN}
     */
    public long startTime(long pid) {
        int r = load(pid);
        if (r != READ) {
            return r == GONE ? NO_PROCESS : UNKNOWN;
        }
        long t = startTimeOfLine();
        return t < 0 ? UNKNOWN : t;
    }

    /**
     * The state of {@code pid} (field 3: {@code R}, {@code S}, {@code D}, {@code Z}, {@code X}...).
     *
     * @param pid the process
     * @return the state letter, {@link #UNKNOWN_STATE} when unreadable, or {@code 0} when there is no such process
     */
    public char state(long pid) {
        int r = load(pid);
        if (r != READ) {
            return r == GONE ? 0 : UNKNOWN_STATE;
        }
        return stateOfLine();
    }

    /**
     * The CPU time process {@code pid} has used, user plus system (fields 14 and 15), in clock ticks.
     *
     * @param pid the process
     * @return the ticks, or {@link #NO_PROCESS} / {@link #UNKNOWN}
     */
    public long cpuTicks(long pid) {
        int r = load(pid);
        if (r != READ) {
            return r == GONE ? NO_PROCESS : UNKNOWN;
        }
        long user = fieldOfLine(UTIME_FIELD);
        long system = fieldOfLine(UTIME_FIELD + 1);
        return user < 0 || system < 0 ? UNKNOWN : user + system;
    }

    /**
     * Parses a {@code stat} line given as text (tests, and lines read by other means). The result
     * is what {@link #state(long)} and {@link #startTime(long)} would answer for it.
     *
     * @param text the line
     * @return {@code [state, startTime]}, {@code startTime} {@link #UNKNOWN} when absent
     */
    public long[] parse(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int n = Math.min(b.length, LINE_SIZE);
        NativeMemory.copyFromArray(b, 0, line, n);
        length = n;
        afterComm = findAfterComm();
        long t = startTimeOfLine();
        return new long[] {stateOfLine(), t < 0 ? UNKNOWN : t};
    }

    /** Reads /proc/pid/stat into {@code line}: {@link #READ}, {@link #GONE} (no such file) or {@link #UNREADABLE}. */
    private int load(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            return GONE;
        }
        writePath(pid);
        int fd;
        do {
            fd = Fcntl.LIB.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0);
        } while (fd < 0 && Native.errno() == Errno.EINTR);
        if (fd < 0) {
            int e = Native.errno();
            return e == Errno.ENOENT || e == Errno.ESRCH ? GONE : UNREADABLE;
        }
        try {
            int n = 0;
            while (n < LINE_SIZE) {
                long r = Unistd.LIB.read(fd, line + n, LINE_SIZE - n);
                if (r < 0 && Native.errno() == Errno.EINTR) {
                    continue;
                }
                if (r <= 0) {
                    break;
                }
                n += (int) r;
            }
            length = n;
        } finally {
            Unistd.LIB.close(fd);
        }
        afterComm = findAfterComm();
        return length > 0 ? READ : GONE; // an empty read: the process ended while we read
    }

    /** Writes "/proc/PID/stat\0" at {@code path}. */
    private void writePath(long pid) {
        int i = 0;
        i = putAscii(i, "/proc/");
        long div = 1;
        while (div * 10 <= pid) {
            div *= 10;
        }
        for (; div > 0; div /= 10) {
            NativeMemory.putByte(path + i++, (byte) ('0' + (pid / div) % 10));
        }
        i = putAscii(i, "/stat");
        NativeMemory.putByte(path + i, (byte) 0);
    }

    private int putAscii(int at, String s) { // s is a constant: charAt allocates nothing
        for (int k = 0; k < s.length(); k++) {
            NativeMemory.putByte(path + at + k, (byte) s.charAt(k));
        }
        return at + s.length();
    }

    private int findAfterComm() {
        for (int i = length - 1; i >= 0; i--) {
            if (NativeMemory.getByte(line + i) == ')') {
                return i + 1;
            }
        }
        return -1;
    }

    private char stateOfLine() {
        int i = skipSpaces(afterComm);
        return i < 0 || i >= length ? UNKNOWN_STATE : (char) NativeMemory.getByte(line + i);
    }

    /** Field 22 as a number, or -1. */
    private long startTimeOfLine() {
        return fieldOfLine(START_TIME_FIELD);
    }

    /** Field {@code wanted} (numbered as in proc(5), at least 4) as a number, or -1. Field 3 starts at the first non-space after ')'. */
    private long fieldOfLine(int wanted) {
        int i = skipSpaces(afterComm);
        if (i < 0) {
            return -1;
        }
        for (int field = 3; field < wanted; field++) {
            while (i < length && NativeMemory.getByte(line + i) != ' ') {
                i++;
            }
            i = skipSpaces(i);
            if (i >= length) {
                return -1;
            }
        }
        long v = 0;
        int digits = 0;
        for (; i < length; i++) {
            byte c = NativeMemory.getByte(line + i);
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
            digits++;
        }
        return digits == 0 ? -1 : v;
    }

    private int skipSpaces(int i) {
        if (i < 0) {
            return -1;
        }
        while (i < length && NativeMemory.getByte(line + i) == ' ') {
            i++;
        }
        return i;
    }

    /** Is /proc mounted (can this process read its own stat)? */
    private boolean procMounted() {
        return load(Proc.pid()) != GONE;
    }
}
