/**
 * Typed JSON files written with the atomic, durable replace protocol and read without following
 * symbolic links: the building block of per-instance files and shared documents.
 */
@NullMarked
package dev.burrow.runtime.internal.json;

import org.jspecify.annotations.NullMarked;
