package io.jipc.aeron;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.nio.file.Path;

/**
 * The settings of every media driver jipc starts: the one embedded behind {@code aeron:} URIs
 * ({@code driver=embedded}), and the shared ones that the benchmark and the tests start for
 * {@code driver=external}. One thread ({@link ThreadingMode#SHARED}) that backs off to 1 ms parks
 * when idle — no busy spinning, so a driver costs nothing on a small machine while nothing moves;
 * sparse term files; the directory deleted when the driver starts and when it stops; no
 * configuration printout.
 */
public final class MediaDrivers {
    private MediaDrivers() {
    }

    /**
     * The directory of a shared driver this process starts for {@code role} ({@code "bench"}):
     * {@code /dev/shm/aeron-jipc-<role>-<pid>}, a name the {@code aeron} backend lists for
     * {@code jipc ls} and recognises as dead once this process is gone.
     *
     * @param role a word saying who starts it
     * @return the directory (not created)
     */
    public static Path sharedDirectory(String role) {
        return io.jipc.aeron.internal.DriverConnection.SHM.resolve(
                io.jipc.aeron.internal.DriverConnection.EMBEDDED_PREFIX + role + "-" + ProcessHandle.current().pid());
    }

    /**
     * A driver context with jipc's settings, in {@code dir}.
     *
     * @param dir the driver's directory (its {@code cnc.dat} and log buffers), usually under {@code /dev/shm}
     * @param errors where the driver reports its errors (Aeron's default handler would exit the JVM)
     * @return the context, ready for {@link MediaDriver#launch(MediaDriver.Context)} or further settings
     */
    public static MediaDriver.Context context(Path dir, ErrorHandler errors) {
        return new MediaDriver.Context()
                .aeronDirectoryName(dir.toString())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
                .termBufferSparseFile(true)
                .warnIfDirectoryExists(false)
                .printConfigurationOnStart(false)
                .errorHandler(errors);
    }
}
