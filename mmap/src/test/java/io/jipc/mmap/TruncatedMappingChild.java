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
            ch.tryReceive(ByteBuffer.allocate(8), io.jipc.api.Select.any()); // take the consumer role before the truncation
        }
        System.out.println("READY");
        System.out.flush();
        while (Files.size(file) != 0) {
            Thread.sleep(2); // the parent truncates it: an observable state
        }
        try {
            if (handle instanceof MessageChannel ch) {
                // A timed receive: its wait makes system calls, where the JDK delivers a fault it
                // noticed in compiled code; see MappingFaults for calls that make none.
                ch.receive(ByteBuffer.allocate(64), io.jipc.api.Select.any(), 200, java.util.concurrent.TimeUnit.MILLISECONDS);
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
