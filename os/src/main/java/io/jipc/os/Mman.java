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

    /**
     * {@code mmap(addr, length, prot, flags, fd, offset)}; use {@link NativeMemory#mapShared} or
     * {@link NativeMemory#mmap} (addresses as {@code long}).
     *
     * @param addr the wanted address, or {@code null}
     * @param length the mapping's length
     * @param prot {@code PROT_*}
     * @param flags {@code MAP_*}
     * @param fd the object's descriptor, or -1 for an anonymous mapping
     * @param offset where the mapping starts in the object (a multiple of the page size)
     * @return the mapping's address, or {@link #MAP_FAILED} with errno saved
     */
    @SaveError
    Pointer mmap(Pointer addr, @size_t long length, int prot, int flags, int fd, @off_t long offset);

    @SaveError
    int munmap(long addr, @size_t long length);

    @SaveError
    int msync(long addr, @size_t long length, int flags);

    @SaveError
    int memfd_create(String name, int flags);

    /**
     * {@code shm_open(name, oflag, mode)}: opens a POSIX shared memory object ({@code /dev/shm/NAME}).
     *
     * @param name {@code "/NAME"}
     * @param oflag {@code O_*} flags
     * @param mode permission bits of a created object (before the umask)
     * @return the descriptor, or -1 with errno saved
     */
    @SaveError
    int shm_open(String name, int oflag, int mode);

    /**
     * {@code shm_unlink(name)}.
     *
     * @param name {@code "/NAME"}
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int shm_unlink(String name);
}
