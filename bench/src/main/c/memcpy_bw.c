/* Bandwidth of memcpy into a warm block of SIZE bytes (the ceiling for a region write).
 * Prints the mean time per block in us. Usage: memcpy_bw SIZE REPEATS */
#include "common.h"
#include <string.h>

int main(int argc, char **argv) {
    long size = atol(argv[1]), reps = atol(argv[2]);
    char *a = malloc(size), *b = malloc(size);
    if (!a || !b) { perror("malloc"); return 1; }
    memset(a, 1, size);
    memset(b, 2, size);
    memcpy(b, a, size);
    double t0 = now_ns();
    for (long i = 0; i < reps; i++) {
        a[i % size] = (char) i;
        memcpy(b, a, size);
    }
    double t1 = now_ns();
    if (b[0] == 42) puts("");
    result("c.memcpy", size, (t1 - t0) / reps / 1000.0, "us/op");
    return 0;
}
