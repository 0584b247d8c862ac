/**
 * Burrow's test kit: {@link dev.burrow.test.TempStore} puts a generated store on a fresh temporary
 * root (or a fresh namespace of a PostgreSQL database) into a JUnit Jupiter test, {@link
 * dev.burrow.test.TempDatabase} a PostgreSQL database of its own to open stores on, and {@link
 * dev.burrow.test.CrashTester} runs a test's own operation once, rebuilds every state a power cut
 * could leave and checks the test's invariant on a store opened on each.
 */
@NullMarked
package dev.burrow.test;

import org.jspecify.annotations.NullMarked;
