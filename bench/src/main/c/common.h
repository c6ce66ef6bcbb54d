/* Shared helpers of the C reference programs: a monotonic clock and the result line format
 * "RESULT <name> <size> <value> <unit>" that io.jipc.bench.CReference parses. */
#ifndef JIPC_BENCH_COMMON_H
#define JIPC_BENCH_COMMON_H
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static inline void result(const char *name, long size, double value, const char *unit) {
    printf("RESULT %s %ld %.3f %s\n", name, size, value, unit);
    fflush(stdout);
}
#endif
