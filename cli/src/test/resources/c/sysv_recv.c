/* sysv_recv KEY MSGTYP: receives one message as msgrcv(msgtyp) does and prints its type and text. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct msg { long mtype; char mtext[512]; };

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: sysv_recv KEY MSGTYP\n"); return 2; }
    key_t key = (key_t) strtoul(argv[1], NULL, 0);
    int id = msgget(key, 0);
    if (id < 0) { perror("msgget"); return 1; }
    struct msg m;
    ssize_t n = msgrcv(id, &m, sizeof m.mtext, strtol(argv[2], NULL, 10), 0);
    if (n < 0) { perror("msgrcv"); return 1; }
    printf("type=%ld text=%.*s\n", m.mtype, (int) n, m.mtext);
    return 0;
}
