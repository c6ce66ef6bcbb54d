/* sysv_adder KEY: seed 002's adder server. A request is { long mtype = 1; int a; int b; int reply_id; };
 * the answer { long mtype = 1; int sum; } goes to the client's private queue reply_id.
 * Stops after a request with a + b == 0. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct request { long mtype; int a; int b; int reply_id; };
struct answer { long mtype; int sum; };

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: sysv_adder KEY\n"); return 2; }
    key_t key = (key_t) strtoul(argv[1], NULL, 0);
    int id = msgget(key, 0);
    if (id < 0) { perror("msgget"); return 1; }
    printf("READY\n");
    fflush(stdout);
    for (;;) {
        struct request r;
        if (msgrcv(id, &r, sizeof r - sizeof r.mtype, 1, 0) < 0) { perror("msgrcv"); return 1; }
        printf("request %d + %d, reply to queue %d\n", r.a, r.b, r.reply_id);
        fflush(stdout);
        if (r.a + r.b == 0) return 0;
        struct answer s = { 1, r.a + r.b };
        if (msgsnd(r.reply_id, &s, sizeof s.sum, 0) < 0) { perror("msgsnd"); return 1; }
    }
}
