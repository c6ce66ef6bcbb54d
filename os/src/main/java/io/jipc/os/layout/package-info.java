/**
 * C struct layouts as offset constants (Agrona's *Layout style): every size and offset is checked
 * against the C compiler's answer by {@code StructLayoutTest} when {@code cc} exists. Structs are
 * read and written at these offsets in native memory ({@link io.jipc.os.NativeMemory}); nothing
 * relies on JNR's {@code Struct}, which does not pad the tail.
 */
package io.jipc.os.layout;
