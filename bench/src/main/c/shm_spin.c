/* Round trip of SIZE bytes through shared anonymous memory between a parent and a forked child,
 * handed over by spinning (then yielding) on an atomic sequence number (what the ring channel and
 * Agrona do).
 * Prints the mean and the median round-trip time in ns (each round trip timed on its own, as JMH's
 * SampleTime does: the two clock reads are part of every sample on both sides). Usage: shm_spin SIZE ITERATIONS */
#include "common.h"
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <signal.h>
#include <sched.h>

/* spin, then yield between checks (as io.jipc.bench.Spin does) */
#if defined(__x86_64__) || defined(__i386__)
#define CPU_RELAX() __builtin_ia32_pause()
#else
#define CPU_RELAX() __asm__ __volatile__("" ::: "memory")
#endif
static inline int idle(int spins) {
    if (spins < 1000) CPU_RELAX(); else sched_yield();
    return spins + 1;
}

struct area { volatile long seq; char pad[56]; char data[65536]; };

int main(int argc, char **argv) {
    long size = atol(argv[1]), iters = atol(argv[2]);
    struct area *a = mmap(NULL, sizeof *a, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (a == MAP_FAILED) { perror("mmap"); return 1; }
    static char local[65536];
    memset(local, 7, sizeof local);
    pid_t child = fork();
    if (child == 0) {
        long seen = 0;
        for (;;) {
            long s;
            int spins = 0;
            while ((s = __atomic_load_n(&a->seq, __ATOMIC_ACQUIRE)) == seen || (s & 1) == 0) spins = idle(spins);
            memcpy(local, a->data, size);
            memcpy(a->data, local, size);
            seen = s + 1;
            __atomic_store_n(&a->seq, seen, __ATOMIC_RELEASE);
        }
    }
    long seq = 0;
    long warm = iters / 10;
    struct samples smp = samples_new(iters);
    for (long i = 0; i < iters + warm; i++) {
        double t0 = now_ns();
        memcpy(a->data, local, size);
        __atomic_store_n(&a->seq, ++seq, __ATOMIC_RELEASE);
        ++seq;
        int spins = 0;
        while (__atomic_load_n(&a->seq, __ATOMIC_ACQUIRE) != seq) spins = idle(spins);
        memcpy(local, a->data, size);
        if (i >= warm) samples_add(&smp, now_ns() - t0);
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    result_samples("c.shm.rtt", size, &smp);
    return 0;
}
