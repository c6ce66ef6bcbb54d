package io.jipc.os;

import io.jipc.os.layout.PthreadLayout;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PthreadLayoutTest {
    @Test
    void mutexSizesMatchTheCompiler() throws Exception {
        assertEquals(PthreadLayout.MUTEX_SIZE,
                CLayoutProbe.probe(List.of("pthread.h"), "pthread_mutex_t", List.of()).get("sizeof"));
        assertEquals(PthreadLayout.MUTEXATTR_SIZE,
                CLayoutProbe.probe(List.of("pthread.h"), "pthread_mutexattr_t", List.of()).get("sizeof"));
    }

    @Test
    void robustMutexInPrivateMemoryLocksAndReportsErrorCheck() {
        long attr = NativeMemory.allocate(PthreadLayout.MUTEXATTR_SIZE);
        long m = NativeMemory.allocate(PthreadLayout.MUTEX_SIZE);
        try {
            assertEquals(0, Pthread.LIB.pthread_mutexattr_init(attr));
            assertEquals(0, Pthread.LIB.pthread_mutexattr_settype(attr, Pthread.PTHREAD_MUTEX_ERRORCHECK));
            assertEquals(0, Pthread.LIB.pthread_mutexattr_setpshared(attr, Pthread.PTHREAD_PROCESS_SHARED));
            assertEquals(0, Pthread.LIB.pthread_mutexattr_setrobust(attr, Pthread.PTHREAD_MUTEX_ROBUST));
            assertEquals(0, Pthread.LIB.pthread_mutex_init(m, attr));
            assertEquals(0, Pthread.LIB.pthread_mutex_lock(m));
            assertEquals(Errno.EDEADLK, Pthread.LIB.pthread_mutex_lock(m), "error-checking: relock is EDEADLK");
            assertEquals(Errno.EDEADLK, Pthread.LIB.pthread_mutex_trylock(m), "robust error-checking: trylock by the holder is EDEADLK, not EBUSY");
            assertEquals(0, Pthread.LIB.pthread_mutex_unlock(m));
            assertEquals(Errno.EPERM, Pthread.LIB.pthread_mutex_unlock(m), "error-checking: unlock of a free mutex");
            assertEquals(0, Pthread.LIB.pthread_mutex_destroy(m));
            assertEquals(0, Pthread.LIB.pthread_mutexattr_destroy(attr));
        } finally {
            NativeMemory.free(m);
            NativeMemory.free(attr);
        }
    }
}
