package io.jipc.os;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;

/**
 * {@code <sys/mman.h>}: memory mappings. Pointers are passed as {@code long} addresses; a failed
 * {@code mmap} returns {@link #MAP_FAILED} ({@code (void *) -1}).
 *
 * <p>{@code mmap} takes a {@link Pointer}: jnr-ffi 2.2.16's generated invokers pass a garbage sixth
 * argument when all six are primitives (measured: {@code long f(long,long,int,int,int,long)}
 * returns junk for {@code f}); an object argument moves the call to the correct, slower path,
 * which is fine for a setup call. Hot-path prototypes in jipc have at most five arguments.
 */
public interface Mman {
    int PROT_NONE = 0x0;
    int PROT_READ = 0x1;
    int PROT_WRITE = 0x2;
    int MAP_SHARED = 0x01;
    int MAP_PRIVATE = 0x02;
    int MAP_FIXED = 0x10;
    int MAP_ANONYMOUS = 0x20;
    int MAP_NORESERVE = 0x4000;
    int MS_ASYNC = 1;
    int MS_INVALIDATE = 2;
    int MS_SYNC = 4;
    int MFD_CLOEXEC = 0x0001;
    int MFD_ALLOW_SEALING = 0x0002;
    /** {@code (void *) -1}. */
    long MAP_FAILED = -1L;

    /** The bindings, loaded once. */
    Mman LIB = Native.load(Mman.class);

    /** Use {@link #mmap(long, long, int, int, int, long)}. */
    @SaveError
    Pointer mmap(Pointer addr, @size_t long length, int prot, int flags, int fd, @off_t long offset);

    /** {@code mmap} with addresses as {@code long}; {@link #MAP_FAILED} on failure, errno saved. */
    default long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        Pointer p = mmap(addr == 0 ? null : Pointer.wrap(Native.runtime(), addr), length, prot, flags, fd, offset);
        return p == null ? 0 : p.address();
    }

    @SaveError
    int munmap(long addr, @size_t long length);

    @SaveError
    int msync(long addr, @size_t long length, int flags);

    @SaveError
    int memfd_create(String name, int flags);
}
