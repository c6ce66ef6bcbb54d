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
    /** {@code PROT_NONE}: pages may not be accessed. */
    int PROT_NONE = 0x0;
    /** {@code PROT_READ}: pages may be read. */
    int PROT_READ = 0x1;
    /** {@code PROT_WRITE}: pages may be written. */
    int PROT_WRITE = 0x2;
    /** {@code MAP_SHARED}: stores are shared with every mapping of the object. */
    int MAP_SHARED = 0x01;
    /** {@code MAP_PRIVATE}: a private copy-on-write mapping. */
    int MAP_PRIVATE = 0x02;
    /** {@code MAP_FIXED}: place the mapping exactly at {@code addr}, replacing what is there. */
    int MAP_FIXED = 0x10;
    /** {@code MAP_ANONYMOUS}: memory not backed by a file. */
    int MAP_ANONYMOUS = 0x20;
    /** {@code MAP_NORESERVE}: reserve no swap space. */
    int MAP_NORESERVE = 0x4000;
    /** {@code MS_ASYNC}: {@code msync}: schedule the write-back. */
    int MS_ASYNC = 1;
    /** {@code MS_INVALIDATE}: {@code msync}: invalidate other mappings. */
    int MS_INVALIDATE = 2;
    /** {@code MS_SYNC}: {@code msync}: write back and wait. */
    int MS_SYNC = 4;
    /** {@code MFD_CLOEXEC}: {@code memfd_create}: close on {@code exec}. */
    int MFD_CLOEXEC = 0x0001;
    /** {@code MFD_ALLOW_SEALING}: {@code memfd_create}: allow {@code F_ADD_SEALS}. */
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

    /**
     * {@code munmap}: removes a mapping.
     *
     * @param addr the address
     * @param length the length in bytes
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int munmap(long addr, @size_t long length);

    /**
     * {@code msync}: writes a shared file mapping back.
     *
     * @param addr the address
     * @param length the length in bytes
     * @param flags the flags
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int msync(long addr, @size_t long length, int flags);

    /**
     * {@code memfd_create}: creates an anonymous file.
     *
     * @param name the name ({@code "/NAME"})
     * @param flags the flags
     * @return the identifier or descriptor, or -1 with errno saved
     */
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
