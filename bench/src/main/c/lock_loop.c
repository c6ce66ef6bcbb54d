/* Uncontended lock+unlock loops, the C twins of the uncontended mutex benchmarks: a classic fcntl
 * write lock on a file (F_SETLKW / F_SETLK), an open-file-description lock (F_OFD_SETLKW), flock
 * (LOCK_EX / LOCK_UN), a SysV semaphore with SEM_UNDO (semop -1 / +1), a POSIX named semaphore
 * (sem_wait / sem_post) and a process-shared robust pthread mutex in shared memory.
 * Prints the mean ns per lock+unlock of each (compared with JMH's AverageTime score).
 * Usage: lock_loop FILE ITERATIONS */
#include "common.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>

static void posix_fcntl(const char *file, long iters, int ofd) {
    int fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) { perror("open"); exit(1); }
    int set = ofd ? F_OFD_SETLK : F_SETLK, setw = ofd ? F_OFD_SETLKW : F_SETLKW;
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0, .l_pid = 0 };
    double t0 = now_ns();
    for (long i = 0; i < iters; i++) {
        fl.l_type = F_WRLCK; if (fcntl(fd, setw, &fl)) { perror("lock"); exit(1); }
        fl.l_type = F_UNLCK; if (fcntl(fd, set, &fl)) { perror("unlock"); exit(1); }
    }
    double t1 = now_ns();
    result(ofd ? "c.ofd.lock" : "c.fcntl.lock", 0, (t1 - t0) / iters, "ns/op");
    close(fd);
}

static void flock_loop(const char *file, long iters) {
    int fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) { perror("open"); exit(1); }
    double t0 = now_ns();
    for (long i = 0; i < iters; i++) {
        if (flock(fd, LOCK_EX) || flock(fd, LOCK_UN)) { perror("flock"); exit(1); }
    }
    double t1 = now_ns();
    result("c.flock.lock", 0, (t1 - t0) / iters, "ns/op");
    close(fd);
}

static void sysv_sem(long iters) {
    int sem = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    if (sem < 0) { perror("semget"); exit(1); }
    union { int val; } arg = { 1 };
    semctl(sem, 0, SETVAL, arg);
    struct sembuf down = { 0, -1, SEM_UNDO }, up = { 0, 1, SEM_UNDO };
    double t0 = now_ns();
    for (long i = 0; i < iters; i++) {
        if (semop(sem, &down, 1) || semop(sem, &up, 1)) { perror("semop"); break; }
    }
    double t1 = now_ns();
    semctl(sem, 0, IPC_RMID);
    result("c.sysv.sem", 0, (t1 - t0) / iters, "ns/op");
}

static void posix_sem(long iters) {
    char name[64];
    snprintf(name, sizeof name, "/jipc-c-sem-%d", (int) getpid());
    sem_t *s = sem_open(name, O_CREAT | O_EXCL, 0600, 1);
    if (s == SEM_FAILED) { perror("sem_open"); exit(1); }
    sem_unlink(name);
    double t0 = now_ns();
    for (long i = 0; i < iters; i++) {
        if (sem_wait(s) || sem_post(s)) { perror("sem_wait/sem_post"); break; }
    }
    double t1 = now_ns();
    sem_close(s);
    result("c.posix.sem", 0, (t1 - t0) / iters, "ns/op");
}

static void robust_mutex(long iters) {
    pthread_mutex_t *m = mmap(NULL, sizeof *m, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) { perror("mmap"); exit(1); }
    pthread_mutexattr_t at;
    pthread_mutexattr_init(&at);
    pthread_mutexattr_setpshared(&at, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&at, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(m, &at);
    double t0 = now_ns();
    for (long i = 0; i < iters; i++) {
        int e = pthread_mutex_lock(m);
        if (e == EOWNERDEAD) pthread_mutex_consistent(m);
        else if (e) { fprintf(stderr, "pthread_mutex_lock: %s\n", strerror(e)); exit(1); }
        pthread_mutex_unlock(m);
    }
    double t1 = now_ns();
    pthread_mutex_destroy(m);
    munmap(m, sizeof *m);
    result("c.robust.lock", 0, (t1 - t0) / iters, "ns/op");
}

int main(int argc, char **argv) {
    long iters = atol(argv[2]);
    posix_fcntl(argv[1], iters, 0);
    posix_fcntl(argv[1], iters, 1);
    flock_loop(argv[1], iters);
    unlink(argv[1]);
    sysv_sem(iters);
    posix_sem(iters);
    robust_mutex(iters);
    return 0;
}
