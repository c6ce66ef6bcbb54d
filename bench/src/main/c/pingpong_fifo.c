/* Round trip of SIZE bytes through a pair of named pipes (FIFOs made with mkfifo in DIR, then
 * removed) between a parent and a forked child: the C twin of the fifo channel.
 * Prints the mean and the median round-trip time in ns. Usage: pingpong_fifo DIR SIZE ITERATIONS */
#include "common.h"
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <signal.h>

int main(int argc, char **argv) {
    long size = atol(argv[2]), iters = atol(argv[3]);
    char req[4096], rsp[4096];
    snprintf(req, sizeof req, "%s/c-fifo-%d-req", argv[1], (int) getpid());
    snprintf(rsp, sizeof rsp, "%s/c-fifo-%d-rsp", argv[1], (int) getpid());
    if (mkfifo(req, 0600) || mkfifo(rsp, 0600)) { perror("mkfifo"); unlink(req); return 1; }
    static char buf[65536];
    memset(buf, 7, sizeof buf);
    pid_t child = fork();
    if (child == 0) {
        int in = open(req, O_RDONLY), out = open(rsp, O_WRONLY);
        if (in < 0 || out < 0) _exit(1);
        for (;;) {
            if (full_read(in, buf, size) || full_write(out, buf, size)) _exit(0);
        }
    }
    int out = open(req, O_WRONLY), in = open(rsp, O_RDONLY);
    unlink(req);
    unlink(rsp);
    if (in < 0 || out < 0) { perror("open fifo"); kill(child, SIGKILL); return 1; }
    for (long i = 0; i < iters / 10; i++) { full_write(out, buf, size); full_read(in, buf, size); }
    struct samples s = samples_new(iters);
    for (long i = 0; i < iters; i++) {
        double t0 = now_ns();
        if (full_write(out, buf, size) || full_read(in, buf, size)) { perror("fifo io"); break; }
        samples_add(&s, now_ns() - t0);
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    result_samples("c.fifo.rtt", size, &s);
    return 0;
}
