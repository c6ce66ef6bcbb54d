/**
 * The {@code jipc} command: list the installed backends and the limits in force, operate IPC
 * objects from the shell ({@code ls}, {@code rm}, {@code stat}, {@code send}, {@code recv}) and run
 * the seeds' examples as multi-process demos. Exit codes: 0 ok, 1 failure, 2 usage.
 */
package io.jipc.cli;
