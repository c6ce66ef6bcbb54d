/* Round trip of SIZE bytes through one SysV queue between a parent and a forked child: the
 * parent sends type 1, the child answers type 2 (the ping-pong of seed 000). Prints the mean
 * and the median round-trip time in ns. Usage: pingpong_sysv SIZE ITERATIONS */
#include "common.h"
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>
#include <signal.h>

struct msg { long type; char data[65536]; };

int main(int argc, char **argv) {
    long size = atol(argv[1]), iters = atol(argv[2]);
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (q < 0) { perror("msgget"); return 1; }
    static struct msg m;
    memset(m.data, 7, sizeof m.data);
    pid_t child = fork();
    if (child == 0) {
        for (;;) {
            if (msgrcv(q, &m, size, 1, 0) < 0) _exit(0);
            m.type = 2;
            if (msgsnd(q, &m, size, 0) < 0) _exit(0);
        }
    }
    for (long i = 0; i < iters / 10; i++) { m.type = 1; msgsnd(q, &m, size, 0); msgrcv(q, &m, size, 2, 0); }
    struct samples s = samples_new(iters);
    for (long i = 0; i < iters; i++) {
        double t0 = now_ns();
        m.type = 1;
        if (msgsnd(q, &m, size, 0) < 0) { perror("msgsnd"); break; }
        if (msgrcv(q, &m, size, 2, 0) < 0) { perror("msgrcv"); break; }
        samples_add(&s, now_ns() - t0);
    }
    msgctl(q, IPC_RMID, NULL);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    result_samples("c.sysv.rtt", size, &s);
    return 0;
}
