/* Shared helpers of the C reference programs: a monotonic clock, the result line format
 * "RESULT <name> <size> <value> <unit>" that io.jipc.bench.CReference parses, and per-operation
 * samples reported as a mean ("<name>") and a median ("<name>.p50"): the report compares the
 * median with JMH's SampleTime p50, the mean with JMH's AverageTime score. */
#ifndef JIPC_BENCH_COMMON_H
#define JIPC_BENCH_COMMON_H
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static inline double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static inline void result(const char *name, long size, double value, const char *unit) {
    printf("RESULT %s %ld %.3f %s\n", name, size, value, unit);
    fflush(stdout);
}

/* Reads / writes exactly n bytes of a stream (pipe, FIFO, stream socket); -1 at end or error. */
static inline int full_read(int fd, char *b, long n) {
    long got = 0;
    while (got < n) { long r = read(fd, b + got, n - got); if (r <= 0) return -1; got += r; }
    return 0;
}
static inline int full_write(int fd, const char *b, long n) {
    long put = 0;
    while (put < n) { long r = write(fd, b + put, n - put); if (r <= 0) return -1; put += r; }
    return 0;
}

/* Per-operation samples (ns), each taken around one operation as JMH's SampleTime does. */
struct samples { double *v; long n, cap; };

static inline struct samples samples_new(long cap) {
    struct samples s = { malloc(sizeof(double) * (cap > 0 ? cap : 1)), 0, cap };
    if (!s.v) { perror("malloc"); exit(1); }
    return s;
}

static inline void samples_add(struct samples *s, double ns) {
    if (s->n < s->cap) s->v[s->n++] = ns;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

/* Prints "<name>" (mean) and "<name>.p50" (median) of the samples in ns/op, then frees them. */
static inline void result_samples(const char *name, long size, struct samples *s) {
    if (s->n == 0) { fprintf(stderr, "%s: no samples\n", name); exit(1); }
    double sum = 0;
    for (long i = 0; i < s->n; i++) sum += s->v[i];
    qsort(s->v, s->n, sizeof(double), cmp_double);
    char p50[128];
    snprintf(p50, sizeof p50, "%s.p50", name);
    result(name, size, sum / s->n, "ns/op");
    result(p50, size, s->v[s->n / 2], "ns/op");
    free(s->v);
}
#endif
