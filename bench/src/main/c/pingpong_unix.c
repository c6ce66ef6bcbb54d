/* Round trip of SIZE bytes through a Unix-domain socket pair (SOCK_STREAM or SOCK_SEQPACKET)
 * between a parent and a forked child: the C twin of the unix-stream and unix-seqpacket channels.
 * Prints the mean and the median round-trip time in ns. Usage: pingpong_unix stream|seqpacket SIZE ITERATIONS */
#include "common.h"
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <signal.h>

/* one message: a stream needs a loop, a seqpacket socket moves the whole record in one call */
static int send_msg(int fd, const char *b, long n, int packet) {
    return packet ? (write(fd, b, n) == n ? 0 : -1) : full_write(fd, b, n);
}
static int recv_msg(int fd, char *b, long n, int packet) {
    return packet ? (read(fd, b, n) == n ? 0 : -1) : full_read(fd, b, n);
}

int main(int argc, char **argv) {
    int packet = strcmp(argv[1], "seqpacket") == 0;
    long size = atol(argv[2]), iters = atol(argv[3]);
    int sv[2];
    if (socketpair(AF_UNIX, packet ? SOCK_SEQPACKET : SOCK_STREAM, 0, sv)) { perror("socketpair"); return 1; }
    static char buf[65536];
    memset(buf, 7, sizeof buf);
    pid_t child = fork();
    if (child == 0) {
        close(sv[0]);
        for (;;) {
            if (recv_msg(sv[1], buf, size, packet) || send_msg(sv[1], buf, size, packet)) _exit(0);
        }
    }
    close(sv[1]);
    for (long i = 0; i < iters / 10; i++) { send_msg(sv[0], buf, size, packet); recv_msg(sv[0], buf, size, packet); }
    struct samples s = samples_new(iters);
    for (long i = 0; i < iters; i++) {
        double t0 = now_ns();
        if (send_msg(sv[0], buf, size, packet) || recv_msg(sv[0], buf, size, packet)) { perror("socket io"); break; }
        samples_add(&s, now_ns() - t0);
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    result_samples(packet ? "c.unix-seqpacket.rtt" : "c.unix-stream.rtt", size, &s);
    return 0;
}
