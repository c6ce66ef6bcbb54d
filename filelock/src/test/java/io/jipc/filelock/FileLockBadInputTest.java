package io.jipc.filelock;

import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.extension.ExtendWith;
import io.jipc.api.Ipc;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUriException;
import io.jipc.api.Mutex;
import io.jipc.os.ChildProcess;
import io.jipc.os.Proc;
import io.jipc.os.Spawner;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad paths and options give clear errors naming the path, before or instead of locking. */
@ExtendWith(LeakGuard.class)
class FileLockBadInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"fcntl", "ofd", "flock", "lockfile", "linklock"})
    void symbolicLinkAtTheLockPathIsRefused(String scheme) throws Exception {
        Path target = TestNames.file("target");
        Path link = TestNames.path("link.lock");
        Files.createSymbolicLink(link, target);
        try {
            IpcException e = assertThrows(IpcException.class, () -> Ipc.mutex(Schemes.uri(scheme, link)).close());
            assertTrue(e.getMessage().contains(link.toString()) && e.getMessage().contains("symbolic link"), e.getMessage());
            assertEquals("ELOOP", e.errnoName());
            assertEquals(0, Files.size(target), "the link's target is untouched");
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(target);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fcntl", "ofd", "flock", "lockfile", "linklock"})
    void directoryAtTheLockPathIsRefused(String scheme) throws Exception {
        Path dir = TestNames.path("dir.lock");
        Files.createDirectory(dir);
        try {
            IpcException e = assertThrows(IpcException.class, () -> Ipc.mutex(Schemes.uri(scheme, dir)).close());
            assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("directory"), e.getMessage());
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fcntl", "ofd", "flock", "lockfile", "linklock"})
    void missingParentDirectoryIsNotFound(String scheme) {
        Path missing = TestNames.path("missing-dir");
        Path p = missing.resolve("sub").resolve("x.lock"); // lock-file schemes make one directory level, not two
        IpcNotFound e = assertThrows(IpcNotFound.class, () -> Ipc.mutex(Schemes.uri(scheme, p)).close());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(!Files.exists(missing));
    }

    @Test
    void openModesOfTheKernelSchemes() throws Exception {
        for (String scheme : Schemes.KERNEL) {
            Path p = Schemes.freshPath(scheme);
            try {
                IpcNotFound nf = assertThrows(IpcNotFound.class, () -> Ipc.mutex(scheme + ":" + p + "?open=open").close());
                assertTrue(nf.getMessage().contains(p.toString()), nf.getMessage());
                try (Mutex m = Ipc.mutex(scheme + ":" + p + "?open=create&mode=0640")) {
                    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                    assertThrows(IpcAlreadyExists.class, () -> Ipc.mutex(scheme + ":" + p + "?open=create").close());
                    try (Mutex o = Ipc.mutex(scheme + ":" + p + "?open=open")) {
                        assertTrue(m.tryLock());
                        assertThrows(IllegalStateException.class, o::tryLock, "the holder thread, through a second handle");
                        m.unlock();
                    }
                    m.remove();
                }
            } finally {
                Schemes.cleanUp(p);
            }
        }
    }

    @Test
    void openCreateOfALockFileFailsWhenOneExists() throws Exception {
        for (String scheme : Schemes.FILES) {
            Path p = Schemes.freshPath(scheme);
            try {
                Files.writeString(p, "left by someone");
                IpcAlreadyExists e = assertThrows(IpcAlreadyExists.class, () -> Ipc.mutex(scheme + ":" + p + "?open=create").close());
                assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
            } finally {
                Schemes.cleanUp(p);
            }
        }
    }

    @Test
    void openModesOfTheLockFileSchemesApplyToTheDirectory() throws Exception {
        for (String scheme : Schemes.FILES) {
            Path dir = TestNames.path(scheme + "-dir");
            Path p = dir.resolve("app.lock");
            IpcNotFound nf = assertThrows(IpcNotFound.class, () -> Ipc.mutex(scheme + ":" + p + "?open=open").close());
            assertTrue(nf.getMessage().contains(dir.toString()), nf.getMessage());
            assertFalse(Files.exists(dir));
            try (Mutex m = Ipc.mutex(scheme + ":" + p + "?open=create")) {
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
                assertThrows(IpcAlreadyExists.class, () -> Ipc.mutex(scheme + ":" + p + "?open=create").close());
                try (Mutex o = Ipc.mutex(scheme + ":" + p + "?open=open&mode=0644")) {
                    assertTrue(o.tryLock());
                    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                    assertThrows(IllegalStateException.class, m::tryLock, "the holder thread, through a second handle");
                    o.unlock();
                }
                m.remove();
                assertFalse(Files.exists(dir), "remove() deletes the directory jipc made");
            } finally {
                Files.deleteIfExists(p);
                Files.deleteIfExists(dir);
            }
        }
    }

    @Test
    void invalidOptionsFailBeforeAnySystemCall() {
        Path p = Schemes.freshPath("lockfile");
        for (String bad : List.of("abc", "0", "0ms", "-5ms", "61s", "5 parsecs", "99999999999999s")) {
            for (String scheme : Schemes.FILES) {
                IpcUriException e = assertThrows(IpcUriException.class, () -> Ipc.mutex(scheme + ":" + p + "?poll=" + bad));
                assertTrue(e.getMessage().contains("poll"), e.getMessage());
            }
        }
        for (String scheme : Schemes.KERNEL) {
            IpcUriException e = assertThrows(IpcUriException.class, () -> Ipc.mutex(scheme + ":" + p + "?poll=5ms"));
            assertTrue(e.getMessage().contains("poll"), e.getMessage());
        }
        for (String scheme : Schemes.ALL) {
            assertThrows(IpcUriException.class, () -> Ipc.mutex(scheme + ":"));
            assertThrows(IpcUriException.class, () -> Ipc.mutex(scheme + ":" + p.getParent() + "/"));
        }
        assertTrue(!Files.exists(p));
    }

    /** Another user (uid 65534, via setpriv) cannot create a lock in root's directory nor open root's 0600 lock file. */
    @Test
    void permissionDeniedForAnotherUser() throws Exception {
        Assumptions.assumeTrue(Proc.uid() == 0, "needs root to run a child as another user");
        Path dir = TestNames.path("root-dir");
        Files.createDirectory(dir);
        Path existing = dir.resolve("root.lock");
        List<String> uris = new ArrayList<>();
        var oldPerms = Files.getPosixFilePermissions(TestNames.dir());
        try {
            Files.setPosixFilePermissions(TestNames.dir(), PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(existing, "");
            Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-------"));
            for (String scheme : Schemes.ALL) {
                uris.add(Schemes.uri(scheme, dir.resolve(scheme + ".lock")));
            }
            for (String scheme : Schemes.KERNEL) {
                uris.add(scheme + ":" + existing);
            }
            try (ChildProcess child = Spawner.jvm(Children.Opener.class, uris.toArray(String[]::new)).asUser(65534, 65534).start()) {
                child.awaitOutput("END", Duration.ofSeconds(90));
                String out = child.output();
                for (String u : uris) {
                    String line = out.lines().filter(l -> l.startsWith("RESULT " + u + " ")).findFirst().orElse("none for " + u + "\n" + out);
                    assertTrue(line.contains("IpcPermissionDenied") && line.contains("EACCES"), line);
                }
            }
            try (var s = Files.list(dir)) {
                assertEquals(List.of(existing), s.toList(), "nothing was created");
            }
        } finally {
            Files.setPosixFilePermissions(TestNames.dir(), oldPerms);
            Files.deleteIfExists(existing);
            Files.deleteIfExists(dir);
        }
    }

    /** A lock path on a read-only file system (a private tmpfs mounted read-only in a new mount namespace). */
    @Test
    void readOnlyFileSystem() throws Exception {
        Assumptions.assumeTrue(Proc.uid() == 0, "needs root to mount");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs unshare(1)");
        Path mnt = TestNames.path("ro-mount");
        Files.createDirectory(mnt);
        try {
            List<String> uris = new ArrayList<>();
            for (String scheme : Schemes.ALL) {
                uris.add(Schemes.uri(scheme, mnt.resolve(scheme + ".lock")));
            }
            StringBuilder cmd = new StringBuilder("mount -t tmpfs -o ro,size=64k tmpfs '" + mnt + "' || { echo MOUNTFAIL; exit 0; }; exec '"
                    + Path.of(System.getProperty("java.home"), "bin", "java") + "' -XX:+UseSerialGC -cp '"
                    + System.getProperty("java.class.path") + "' '" + Children.Opener.class.getName() + "'");
            for (String u : uris) {
                cmd.append(" '").append(u).append("'");
            }
            try (ChildProcess child = Spawner.command("unshare", "-m", "sh", "-c", cmd.toString()).start()) {
                assertEquals(0, child.waitFor(Duration.ofSeconds(90)), child.output());
                String out = child.output();
                Assumptions.assumeFalse(out.contains("MOUNTFAIL"), "cannot mount a tmpfs here");
                for (String u : uris) {
                    String line = out.lines().filter(l -> l.startsWith("RESULT " + u + " ")).findFirst().orElse("none for " + u + "\n" + out);
                    assertTrue(line.contains("IpcPermissionDenied") && line.contains("EROFS") && line.contains("read-only"), line);
                }
            }
        } finally {
            Files.deleteIfExists(mnt);
        }
    }
}
