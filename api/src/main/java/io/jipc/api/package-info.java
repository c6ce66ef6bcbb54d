/**
 * jipc's public API: {@link io.jipc.api.MessageChannel}, {@link io.jipc.api.Mutex} and
 * {@link io.jipc.api.SharedRegion} behind one entry point, {@link io.jipc.api.Ipc}, which picks
 * the mechanism from a URI ({@link io.jipc.api.IpcUri}). Errors are unchecked
 * {@link io.jipc.api.IpcException}s naming the operation, the object and the errno.
 */
package io.jipc.api;
