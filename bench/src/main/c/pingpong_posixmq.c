/* Round trip of SIZE bytes through two POSIX message queues (request, reply; opened with
 * mq_open, unlinked at once) between a parent and a forked child: the C twin of the posix channel.
 * Prints the mean and the median round-trip time in ns. Usage: pingpong_posixmq SIZE ITERATIONS */
#include "common.h"
#include <fcntl.h>
#include <mqueue.h>
#include <string.h>
#include <sys/wait.h>
#include <signal.h>

int main(int argc, char **argv) {
    long size = atol(argv[1]), iters = atol(argv[2]);
    char req[64], rsp[64];
    snprintf(req, sizeof req, "/jipc-c-mq-%d-req", (int) getpid());
    snprintf(rsp, sizeof rsp, "/jipc-c-mq-%d-rsp", (int) getpid());
    struct mq_attr attr = { .mq_flags = 0, .mq_maxmsg = 1, .mq_msgsize = size };
    mqd_t a = mq_open(req, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    if (a == (mqd_t) -1) { perror("mq_open request"); return 1; }
    mqd_t b = mq_open(rsp, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    mq_unlink(req);
    if (b == (mqd_t) -1) { perror("mq_open reply"); return 1; }
    mq_unlink(rsp);
    static char buf[65536];
    memset(buf, 7, sizeof buf);
    pid_t child = fork();
    if (child == 0) {
        for (;;) {
            if (mq_receive(a, buf, size, NULL) != size || mq_send(b, buf, size, 0)) _exit(0);
        }
    }
    for (long i = 0; i < iters / 10; i++) { mq_send(a, buf, size, 0); mq_receive(b, buf, size, NULL); }
    struct samples s = samples_new(iters);
    for (long i = 0; i < iters; i++) {
        double t0 = now_ns();
        if (mq_send(a, buf, size, 0) || mq_receive(b, buf, size, NULL) != size) { perror("mq io"); break; }
        samples_add(&s, now_ns() - t0);
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    result_samples("c.posixmq.rtt", size, &s);
    return 0;
}
