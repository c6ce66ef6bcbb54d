package io.jipc.os.layout;

/**
 * {@code struct mq_attr} (LP64 Linux): {@code long mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs;}
 * plus reserved space, 64 bytes in all. Checked against the C compiler by {@code MqAttrLayoutTest}.
 */
public final class MqAttrLayout {
    /** The size of the structure in bytes. */
    public static final int SIZE = 64;
    /** The offset of {@code mq_flags}. */
    public static final int MQ_FLAGS = 0;
    /** The offset of {@code mq_maxmsg}. */
    public static final int MQ_MAXMSG = 8;
    /** The offset of {@code mq_msgsize}. */
    public static final int MQ_MSGSIZE = 16;
    /** The offset of {@code mq_curmsgs}. */
    public static final int MQ_CURMSGS = 24;

    private MqAttrLayout() {
    }
}
