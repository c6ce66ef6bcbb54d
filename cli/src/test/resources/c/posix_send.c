/* posix_send NAME PRIO TEXT: sends TEXT with priority PRIO to the POSIX queue NAME (e.g. /orders). */
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: posix_send NAME PRIO TEXT\n"); return 2; }
    mqd_t q = mq_open(argv[1], O_WRONLY);
    if (q == (mqd_t) -1) { perror("mq_open"); return 1; }
    if (mq_send(q, argv[3], strlen(argv[3]), (unsigned) atoi(argv[2])) < 0) { perror("mq_send"); return 1; }
    mq_close(q);
    return 0;
}
