/**
 * The seeds' example programs as multi-process demos ({@code jipc demo NAME}): every participant
 * is a separate JVM started with the spawner, and each prints what it does, step by step.
 */
package io.jipc.cli.demo;
