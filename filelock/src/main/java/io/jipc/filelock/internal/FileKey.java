package io.jipc.filelock.internal;

/** A file's identity in the kernel: device and inode number. */
public record FileKey(long dev, long ino) {
}
