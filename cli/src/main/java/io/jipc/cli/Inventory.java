package io.jipc.cli;

import io.jipc.api.Ipc;
import io.jipc.spi.Backend;
import io.jipc.spi.ObjectInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inventory behind {@code jipc ls}: the objects every installed backend lists
 * ({@link Backend#objects()}: SysV queues, semaphore sets and segments, {@code /dev/shm} entries,
 * POSIX queues, the files jipc created, the directories of the media drivers jipc embedded), each
 * with its owner, pids and whether it is an orphan.
 *
 * <p>An <em>orphan</em> is an object whose creator and last users are all dead and that nobody has
 * attached or open. The backend says what its kernel records ({@link ObjectInfo#usage()}); where
 * that cannot tell (a {@code /dev/shm} file or POSIX queue records no pid, a file's creator is
 * dead), "nobody has it open or mapped" decides, from one scan of every process ({@link Procs}).
 * Where two backends describe one path, the one that knows jipc created it wins.
 */
final class Inventory {
    final List<IpcObject> objects = new ArrayList<>();
    /** Notes for the user (e.g. how to mount {@code /dev/mqueue}). */
    final List<String> notes = new ArrayList<>();

    private Inventory() {
    }

    /** Takes the inventory now. */
    static Inventory take() {
        Inventory inv = new Inventory();
        Procs procs = Procs.scan();
        Map<String, ObjectInfo> byPath = new LinkedHashMap<>();
        List<ObjectInfo> all = new ArrayList<>();
        for (Backend b : Ipc.backends()) {
            for (ObjectInfo o : b.objects()) {
                if (o.path() == null) {
                    all.add(o);
                    continue;
                }
                ObjectInfo other = byPath.get(o.path());
                if (other == null || (o.createdByJipc() && !other.createdByJipc())) {
                    byPath.put(o.path(), o);
                }
            }
            String note = b.objectsNote();
            if (note != null) {
                inv.notes.add(note);
            }
        }
        all.addAll(byPath.values());
        for (ObjectInfo o : all) {
            inv.objects.add(IpcObject.of(o, procs));
        }
        if (procs.incomplete()) {
            inv.notes.add("Some processes could not be inspected (not root): objects they may hold open are not marked as orphans.");
        }
        if (!procs.incomplete() && !procs.mapsDenied().isEmpty()) {
            inv.notes.add("The memory mappings of process(es) " + procs.mapsDenied() + " are unreadable: a /dev/shm file only they map would look unused.");
        }
        return inv;
    }

    static long euid() {
        return io.jipc.os.Proc.euid();
    }

    /** Keeps only objects matching a name filter or a pid filter (no filter: all). */
    void filter(List<String> names, List<Long> pids) {
        if ((names == null || names.isEmpty()) && (pids == null || pids.isEmpty())) {
            return;
        }
        objects.removeIf(o -> {
            if (names != null) {
                for (String n : names) {
                    if (o.name.contains(n) || o.address.contains(n)) {
                        return false;
                    }
                }
            }
            if (pids != null) {
                for (long p : pids) {
                    if (o.involves(p)) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    /** Keeps only the orphans. */
    void orphansOnly() {
        objects.removeIf(o -> !o.orphan);
    }
}
