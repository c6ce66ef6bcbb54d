package io.jipc.sysv;

import io.jipc.api.IpcHandle;
import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Opens handles for a test and removes every object they name at the end (SysV objects outlive processes). */
final class Handles implements AutoCloseable {
    private final List<IpcHandle> handles = new ArrayList<>();
    private final List<java.nio.file.Path> files = new ArrayList<>();

    /** A new ftok file (deleted at the end; the objects keyed by it live on until removed). */
    String ftokPath() {
        java.nio.file.Path p = io.jipc.testkit.TestNames.file("ftok");
        files.add(p);
        return p.toString();
    }

    <T extends IpcHandle> T track(T h) {
        handles.add(h);
        return h;
    }

    SysvMessageChannel channel(String uri) {
        return track((SysvMessageChannel) Ipc.channel(uri));
    }

    SysvMutex mutex(String uri) {
        return track((SysvMutex) Ipc.mutex(uri));
    }

    SysvSharedRegion region(String uri) {
        return track((SysvSharedRegion) Ipc.region(uri));
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (IpcHandle h : handles) {
            try {
                h.remove();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
            h.close();
        }
        handles.clear();
        for (java.nio.file.Path p : files) {
            try {
                java.nio.file.Files.deleteIfExists(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        files.clear();
        if (first != null) {
            throw first;
        }
    }

    static ByteBuffer text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer d = ByteBuffer.allocateDirect(b.length);
        d.put(b).flip();
        return d;
    }

    static String text(ByteBuffer b) {
        b.flip();
        byte[] a = new byte[b.remaining()];
        b.get(a);
        b.clear();
        return new String(a, StandardCharsets.UTF_8);
    }

    /** Receives one message as text (blocking). */
    static String receiveText(MessageChannel c, io.jipc.api.Select sel, long[] tagOut) {
        ByteBuffer b = ByteBuffer.allocateDirect(8192);
        long tag = c.receive(b, sel);
        if (tagOut != null) {
            tagOut[0] = tag;
        }
        return text(b);
    }


}
