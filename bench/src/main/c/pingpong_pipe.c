/* Round trip of SIZE bytes through a pair of pipes between a parent and a forked child.
 * Prints the mean and the median round-trip time in ns. Usage: pingpong_pipe SIZE ITERATIONS */
#include "common.h"
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <signal.h>

int main(int argc, char **argv) {
    long size = atol(argv[1]), iters = atol(argv[2]);
    int a[2], b[2];
    if (pipe(a) || pipe(b)) { perror("pipe"); return 1; }
    static char buf[65536];
    memset(buf, 7, sizeof buf);
    pid_t child = fork();
    if (child == 0) {
        for (;;) {
            if (full_read(a[0], buf, size) || full_write(b[1], buf, size)) _exit(0);
        }
    }
    for (long i = 0; i < iters / 10; i++) { full_write(a[1], buf, size); full_read(b[0], buf, size); }
    struct samples s = samples_new(iters);
    for (long i = 0; i < iters; i++) {
        double t0 = now_ns();
        if (full_write(a[1], buf, size) || full_read(b[0], buf, size)) { perror("pipe io"); break; }
        samples_add(&s, now_ns() - t0);
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    result_samples("c.pipe.rtt", size, &s);
    return 0;
}
