package io.jipc.sysv.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who owns a System V object and with which permission bits, from {@code /proc/sysvipc}: the
 * words a permission error needs ("id 65587, owner uid 0, mode 0600"), since a refused
 * {@code msgget}/{@code semget}/{@code shmget} gives no identifier. Read as a stream (the
 * {@code /proc} rule of the native layer); a failure to read only leaves the words out.
 */
public final class SysvPermissions {
    private SysvPermissions() {
    }

    /**
     * {@code ", id N, owner uid U, mode 0MMM"} for the object of {@code kind} ({@code "msg"},
     * {@code "sem"} or {@code "shm"}) with {@code key}, or {@code ""} when it cannot be found.
     */
    public static String describe(String kind, int key) {
        Path table = Path.of("/proc/sysvipc", kind);
        try (BufferedReader r = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
            String header = r.readLine();
            if (header == null) {
                return "";
            }
            String[] names = header.trim().split("\\s+");
            int uidCol = indexOf(names, "uid");
            int permsCol = indexOf(names, "perms");
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.trim().split("\\s+");
                if (f.length < names.length || Integer.parseInt(f[0]) != key) {
                    continue;
                }
                return ", id " + f[1] + (uidCol >= 0 ? ", owner uid " + f[uidCol] : "")
                        + (permsCol >= 0 ? ", mode " + String.format(java.util.Locale.ROOT, "%04o", Integer.parseInt(f[permsCol], 8) & 0777) : "");
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return "";
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
