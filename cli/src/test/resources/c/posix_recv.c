/* posix_recv NAME: receives one message from the POSIX queue NAME and prints its priority and text. */
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: posix_recv NAME\n"); return 2; }
    mqd_t q = mq_open(argv[1], O_RDONLY);
    if (q == (mqd_t) -1) { perror("mq_open"); return 1; }
    struct mq_attr a;
    if (mq_getattr(q, &a) < 0) { perror("mq_getattr"); return 1; }
    char *buf = malloc((size_t) a.mq_msgsize);
    unsigned prio;
    ssize_t n = mq_receive(q, buf, (size_t) a.mq_msgsize, &prio);
    if (n < 0) { perror("mq_receive"); return 1; }
    printf("prio=%u text=%.*s\n", prio, (int) n, buf);
    mq_close(q);
    return 0;
}
