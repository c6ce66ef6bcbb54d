package io.jipc.mmap;

import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.MessageChannel;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildSupport;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM for the truncation tests (a regression must kill this JVM, not the test run): opens
 * args[1] as a region or ring (args[0]), prints {@code READY}, waits until another process has
 * truncated the file args[2] to 0 bytes, then touches the mapping once through jipc and prints
 * {@code IPCEXCEPTION <message>} or {@code OTHER <throwable>} or {@code NOERROR}.
 */
public final class TruncatedMappingChild {
    private TruncatedMappingChild() {
    }

    public static void main(String[] args) throws Exception {
        ChildSupport.exitWhenParentDies();
        Path file = Path.of(args[2]);
        AutoCloseable handle = args[0].equals("ring") ? Ipc.channel(args[1]) : Ipc.region(args[1]);
        if (handle instanceof MessageChannel ch) {
            ch.trySend(ByteBuffer.allocate(8), 0); // take the producer role before the truncation
        }
        System.out.println("READY");
        System.out.flush();
        while (Files.size(file) != 0) {
            Thread.sleep(2); // the parent truncates it: an observable state
        }
        try {
            if (handle instanceof MessageChannel ch) {
                // an empty message: the header words only. (A bulk copy that faults is reported by the
                // JDK asynchronously, possibly after the call returned: see MappingFaults.)
                ch.trySend(ByteBuffer.allocate(0), 0);
            } else {
                ((SharedRegion) handle).getAndAddLong(4096 + 8, 1);
            }
            System.out.println("NOERROR");
        } catch (IpcException e) {
            System.out.println("IPCEXCEPTION " + e.getMessage());
        } catch (Throwable t) {
            System.out.println("OTHER " + t);
        }
        System.out.flush();
        try {
            handle.close();
        } catch (Throwable t) {
            System.out.println("CLOSE " + t);
        }
        System.out.println("EXIT");
        System.out.flush();
        System.exit(0);
    }
}
