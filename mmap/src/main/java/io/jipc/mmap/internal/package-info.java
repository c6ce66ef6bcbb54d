/**
 * Internals of the {@code jipc-mmap} module (file-descriptor helpers, the robust mutex's layout).
 * Not an API: may change at any time.
 */
package io.jipc.mmap.internal;
