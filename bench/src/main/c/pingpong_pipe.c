/* Round trip of SIZE bytes through a pair of pipes between a parent and a forked child.
 * Prints the mean round-trip time in ns. Usage: pingpong_pipe SIZE ITERATIONS */
#include "common.h"
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <signal.h>

static int full_read(int fd, char *b, long n) {
    long got = 0;
    while (got < n) { long r = read(fd, b + got, n - got); if (r <= 0) return -1; got += r; }
    return 0;
}
static int full_write(int fd, const char *b, long n) {
    long put = 0;
    while (put < n) { long r = write(fd, b + put, n - put); if (r <= 0) return -1; put += r; }
    return 0;
}

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
    double t0 = now_ns();
    for (long i = 0; i < iters; i++) {
        if (full_write(a[1], buf, size) || full_read(b[0], buf, size)) { perror("pipe io"); break; }
    }
    double t1 = now_ns();
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    result("c.pipe.rtt", size, (t1 - t0) / iters, "ns/op");
    return 0;
}
