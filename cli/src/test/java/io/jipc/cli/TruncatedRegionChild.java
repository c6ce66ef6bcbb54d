package io.jipc.cli;

import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildSupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM of {@link TruncatedRegionTest}: opens the region args[0], prints {@code READY}, waits
 * until its file args[1] has been truncated to 0 bytes by the parent, then reads and updates a word
 * past the new end through the atomic accessors and prints {@code IPCEXCEPTION <message>},
 * {@code OTHER <throwable>} or {@code NOERROR} for each, then closes and prints {@code EXIT}.
 */
public final class TruncatedRegionChild {
    private TruncatedRegionChild() {
    }

    public static void main(String[] args) throws Exception {
        ChildSupport.exitWhenParentDies();
        SharedRegion r = Ipc.region(args[0]);
        System.out.println("READY");
        System.out.flush();
        Path file = Path.of(args[1]);
        while (Files.size(file) != 0) {
            Thread.sleep(2);
        }
        for (int i = 0; i < 2; i++) {
            try {
                if (i == 0) {
                    r.getLongVolatile(8192);
                } else {
                    r.compareAndSetInt(8192, 0, 1);
                }
                System.out.println("NOERROR");
            } catch (IpcException e) {
                System.out.println("IPCEXCEPTION " + e.getMessage());
            } catch (Throwable t) {
                System.out.println("OTHER " + t);
            }
        }
        try {
            r.close();
        } catch (Throwable t) {
            System.out.println("CLOSE " + t);
        }
        System.out.println("EXIT");
        System.out.flush();
        System.exit(0);
    }
}
