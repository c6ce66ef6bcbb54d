/* Uncontended lock+unlock loops: an fcntl write lock on a file (F_SETLKW) and a SysV semaphore
 * with SEM_UNDO (semop -1 / +1). Prints ns per lock+unlock of each.
 * Usage: lock_loop FILE ITERATIONS */
#include "common.h"
#include <fcntl.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long iters = atol(argv[2]);
    int fd = open(argv[1], O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) { perror("open"); return 1; }
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
    double t0 = now_ns();
    for (long i = 0; i < iters; i++) {
        fl.l_type = F_WRLCK; if (fcntl(fd, F_SETLKW, &fl)) { perror("lock"); return 1; }
        fl.l_type = F_UNLCK; if (fcntl(fd, F_SETLK, &fl)) { perror("unlock"); return 1; }
    }
    double t1 = now_ns();
    result("c.fcntl.lock", 0, (t1 - t0) / iters, "ns/op");
    close(fd);
    unlink(argv[1]);

    int sem = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    if (sem < 0) { perror("semget"); return 1; }
    union { int val; } arg = { 1 };
    semctl(sem, 0, SETVAL, arg);
    struct sembuf down = { 0, -1, SEM_UNDO }, up = { 0, 1, SEM_UNDO };
    t0 = now_ns();
    for (long i = 0; i < iters; i++) {
        if (semop(sem, &down, 1) || semop(sem, &up, 1)) { perror("semop"); break; }
    }
    t1 = now_ns();
    semctl(sem, 0, IPC_RMID);
    result("c.sysv.sem", 0, (t1 - t0) / iters, "ns/op");
    return 0;
}
