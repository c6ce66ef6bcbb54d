package io.jipc.os.layout;

/**
 * {@code struct mq_attr} (LP64 Linux): {@code long mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs;}
 * plus reserved space, 64 bytes in all. Checked against the C compiler by {@code MqAttrLayoutTest}.
 */
public final class MqAttrLayout {
    public static final int SIZE = 64;
    public static final int MQ_FLAGS = 0;
    public static final int MQ_MAXMSG = 8;
    public static final int MQ_MSGSIZE = 16;
    public static final int MQ_CURMSGS = 24;

    private MqAttrLayout() {
    }
}
