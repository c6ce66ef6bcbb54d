package io.jipc.os.layout;

import io.jipc.os.NativeMemory;

/**
 * {@code struct sembuf}: {@code unsigned short sem_num; short sem_op; short sem_flg;} (6 bytes,
 * no padding; arrays of it are packed at {@link #SIZE}). Checked against the C compiler by
 * {@code SysvLayoutTest}.
 */
public final class SembufLayout {
    /** The size of the structure in bytes. */
    public static final int SIZE = 6;
    /** The offset of {@code sem_num}. */
    public static final int SEM_NUM = 0;
    /** The offset of {@code sem_op}. */
    public static final int SEM_OP = 2;
    /** The offset of {@code sem_flg}. */
    public static final int SEM_FLG = 4;

    private SembufLayout() {
    }

    /**
     * Writes element {@code index} of a {@code struct sembuf} array at {@code address}.
     *
     * @param address the native address
     * @param index the element's index
     * @param semNum {@code sem_num}
     * @param semOp {@code sem_op}
     * @param semFlg {@code sem_flg}
     */
    public static void put(long address, int index, int semNum, int semOp, int semFlg) {
        long a = address + (long) index * SIZE;
        NativeMemory.putShort(a + SEM_NUM, (short) semNum);
        NativeMemory.putShort(a + SEM_OP, (short) semOp);
        NativeMemory.putShort(a + SEM_FLG, (short) semFlg);
    }
}
