package io.jipc.sysv;

import io.jipc.api.IpcLimitExceeded;
import io.jipc.api.IpcUri;
import io.jipc.os.Errno;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.SystemLimits;
import io.jipc.os.SysvIpc;
import io.jipc.os.layout.MsqidDsLayout;
import io.jipc.sysv.internal.SysvTarget;

/**
 * Opening a SysV queue for {@link SysvMessageChannel} ({@code msgget}, {@code qbytes=} with
 * {@code IPC_SET}) and reading its state ({@code IPC_STAT}). Nothing here is on the message path.
 */
final class SysvQueueOpener {
    /** Bytes of {@code long mtype} in front of each message ({@code struct msgbuf}). */
    static final int MTYPE = 8;

    private static final SysvIpc LIB = SysvIpc.LIB;

    private SysvQueueOpener() {
    }

    /** Opens the queue {@code uri} names (see the package comment for the grammar). */
    static SysvMessageChannel open(IpcUri uri) {
        SysvTarget t = SysvTarget.parse(uri, "sysv channel", SysvMessageChannel.OPTIONS);
        boolean truncate = uri.booleanOption("truncate", false);
        long qbytes = uri.longOption("qbytes", -1, 1, Integer.MAX_VALUE);
        long msgmax = SystemLimits.msgmax();
        if (msgmax <= 0 || msgmax > Integer.MAX_VALUE - MTYPE) {
            throw new IpcLimitExceeded("msgget", uri.toString(), "msgmax = " + msgmax + " is not a usable message size");
        }
        int id;
        if (t.kind() == SysvTarget.Kind.ID) {
            id = t.id(); // IPC_STAT below checks that it is a queue and readable
        } else {
            SysvTarget.Got got = t.get("msgget", "message queue", LIB::msgget);
            id = got.id();
            if (got.created() && qbytes > 0) {
                setQbytes(uri, id, qbytes);
            }
        }
        long[] st = stat("msgctl(IPC_STAT)", uri, id, t.kind() == SysvTarget.Kind.ID);
        return new SysvMessageChannel(uri, id, msgmax, truncate, st[2]);
    }

    private static void setQbytes(IpcUri uri, int id, long qbytes) {
        long buf = NativeMemory.allocate(MsqidDsLayout.SIZE);
        try {
            if (LIB.msgctl(id, SysvIpc.IPC_STAT, buf) != 0) {
                int e = Native.errno();
                LIB.msgctl(id, SysvIpc.IPC_RMID, 0);
                throw SysvTarget.callFailed("msgctl(IPC_STAT)", uri, id, "message queue", e);
            }
            NativeMemory.putLong(buf + MsqidDsLayout.MSG_QBYTES, qbytes);
            if (LIB.msgctl(id, SysvIpc.IPC_SET, buf) != 0) {
                int e = Native.errno();
                LIB.msgctl(id, SysvIpc.IPC_RMID, 0); // we created it: do not leave a half-configured queue
                throw Errno.exception("msgctl(IPC_SET)", uri, e, "setting qbytes=" + qbytes + " failed"
                        + (e == Errno.EPERM ? ": raising msg_qbytes above msgmnb = " + SystemLimits.msgmnb()
                        + " needs CAP_SYS_RESOURCE" : ": " + Errno.describe(e)) + " (the new queue was removed)");
            }
        } finally {
            NativeMemory.free(buf);
        }
    }

    /** IPC_STAT: {qnum, cbytes, qbytes, lspid, lrpid, stime, rtime}. */
    static long[] stat(String op, IpcUri uri, int id, boolean opening) {
        long buf = NativeMemory.allocate(MsqidDsLayout.SIZE);
        try {
            if (LIB.msgctl(id, SysvIpc.IPC_STAT, buf) != 0) {
                int e = Native.errno();
                throw SysvTarget.statFailed(op, uri, id, "message queue", e, opening);
            }
            return new long[] {
                NativeMemory.getLong(buf + MsqidDsLayout.MSG_QNUM),
                NativeMemory.getLong(buf + MsqidDsLayout.MSG_CBYTES),
                NativeMemory.getLong(buf + MsqidDsLayout.MSG_QBYTES),
                NativeMemory.getInt(buf + MsqidDsLayout.MSG_LSPID),
                NativeMemory.getInt(buf + MsqidDsLayout.MSG_LRPID),
                NativeMemory.getLong(buf + MsqidDsLayout.MSG_STIME),
                NativeMemory.getLong(buf + MsqidDsLayout.MSG_RTIME),
            };
        } finally {
            NativeMemory.free(buf);
        }
    }
}
