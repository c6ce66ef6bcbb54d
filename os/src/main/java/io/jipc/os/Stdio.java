package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/** {@code <stdio.h>}: {@code rename(2)}, which replaces its target atomically. */
public interface Stdio {
    /** The bindings, loaded once. */
    Stdio LIB = Native.load(Stdio.class);

    /**
     * {@code rename(oldpath, newpath)}.
     *
     * @param oldpath the existing name
     * @param newpath the new name (replaced atomically if it exists)
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int rename(String oldpath, String newpath);
}
