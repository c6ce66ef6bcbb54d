package io.jipc.os;

import io.jipc.os.layout.StatLayout;

/**
 * A {@code struct stat} snapshot: the fields jipc uses ({@link Fd#fstat}, {@link FileOps#lstat}).
 *
 * @param dev the device of the file system ({@code st_dev})
 * @param ino the inode number ({@code st_ino})
 * @param nlink the number of hard links ({@code st_nlink})
 * @param type the file-type bits of {@code st_mode} ({@link SysStat#S_IFREG}, {@link SysStat#S_IFIFO}...)
 * @param mode the permission bits of {@code st_mode} ({@code 07777})
 * @param uid the owner ({@code st_uid})
 * @param size the size in bytes ({@code st_size})
 * @param mtimeSeconds the modification time, seconds since the epoch
 */
public record Stat(long dev, long ino, long nlink, int type, int mode, int uid, long size, long mtimeSeconds) {

    /**
     * Reads a snapshot from a {@code struct stat} in native memory.
     *
     * @param buf the address of {@link StatLayout#SIZE} bytes filled by {@code fstat}/{@code lstat}
     * @return the snapshot
     */
    public static Stat of(long buf) {
        return new Stat(StatLayout.dev(buf), StatLayout.ino(buf), StatLayout.nlink(buf), StatLayout.type(buf),
                StatLayout.mode(buf) & 07777, StatLayout.uid(buf), StatLayout.size(buf), StatLayout.mtimeSeconds(buf));
    }

    /** {@return whether it is a regular file} */
    public boolean isRegular() {
        return type == SysStat.S_IFREG;
    }

    /** {@return whether it is a directory} */
    public boolean isDirectory() {
        return type == SysStat.S_IFDIR;
    }

    /** {@return whether it is a symbolic link (only {@code lstat} sees one)} */
    public boolean isSymlink() {
        return type == SysStat.S_IFLNK;
    }

    /** {@return whether it is a pipe or FIFO} */
    public boolean isFifo() {
        return type == SysStat.S_IFIFO;
    }

    /** {@return whether it is a socket} */
    public boolean isSocket() {
        return type == SysStat.S_IFSOCK;
    }

    /** {@return the file type in words, e.g. "a regular file"} */
    public String typeName() {
        return typeName(type);
    }

    /**
     * A file type in words, for error messages.
     *
     * @param type the file-type bits of {@code st_mode}
     * @return e.g. {@code "a pipe or FIFO"}
     */
    public static String typeName(int type) {
        switch (type) {
            case SysStat.S_IFIFO: return "a pipe or FIFO";
            case SysStat.S_IFSOCK: return "a socket";
            case SysStat.S_IFREG: return "a regular file";
            case SysStat.S_IFDIR: return "a directory";
            case SysStat.S_IFCHR: return "a character device";
            case SysStat.S_IFBLK: return "a block device";
            case SysStat.S_IFLNK: return "a symbolic link";
            default: return "a file of type 0" + Integer.toOctalString(type);
        }
    }
}
