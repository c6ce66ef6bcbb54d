/* sysv_send KEY TYPE TEXT: sends TEXT (without NUL) with message type TYPE to the SysV queue KEY,
 * as a C program does it: struct msgbuf { long mtype; char mtext[]; }. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct msg { long mtype; char mtext[512]; };

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: sysv_send KEY TYPE TEXT\n"); return 2; }
    key_t key = (key_t) strtoul(argv[1], NULL, 0);
    int id = msgget(key, 0);
    if (id < 0) { perror("msgget"); return 1; }
    struct msg m;
    m.mtype = strtol(argv[2], NULL, 10);
    size_t n = strlen(argv[3]);
    if (n > sizeof m.mtext) n = sizeof m.mtext;
    memcpy(m.mtext, argv[3], n);
    if (msgsnd(id, &m, n, 0) < 0) { perror("msgsnd"); return 1; }
    printf("sent type %ld, %zu bytes\n", m.mtype, n);
    return 0;
}
