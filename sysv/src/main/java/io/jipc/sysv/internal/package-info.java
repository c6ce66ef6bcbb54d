/**
 * Internals of the {@code sysv} backend (URI-to-key resolution, the create/open protocol, error
 * wording). Not an API: may change without notice.
 */
package io.jipc.sysv.internal;
