package io.jipc.filelock.internal;

/** A file's identity in the kernel: device and inode number. */
public record FileKey(long dev, long ino) {
    /** {@return the key of the file {@code st} describes} */
    public static FileKey of(io.jipc.os.Stat st) {
        return new FileKey(st.dev(), st.ino());
    }
}
