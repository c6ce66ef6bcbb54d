/* sysv_pong KEY ROUNDS: seed 002's ping-pong partner. Waits for a type-1 message and answers
 * "pong: <text>" with type 2, ROUNDS times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct msg { long mtype; char mtext[512]; };

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: sysv_pong KEY ROUNDS\n"); return 2; }
    key_t key = (key_t) strtoul(argv[1], NULL, 0);
    int id = msgget(key, 0);
    if (id < 0) { perror("msgget"); return 1; }
    int rounds = atoi(argv[2]);
    printf("READY\n");
    fflush(stdout);
    for (int i = 0; i < rounds; i++) {
        struct msg in, out;
        ssize_t n = msgrcv(id, &in, sizeof in.mtext, 1, 0);
        if (n < 0) { perror("msgrcv"); return 1; }
        int k = snprintf(out.mtext, sizeof out.mtext, "pong: %.*s", (int) n, in.mtext);
        out.mtype = 2;
        if (msgsnd(id, &out, (size_t) k, 0) < 0) { perror("msgsnd"); return 1; }
    }
    return 0;
}
