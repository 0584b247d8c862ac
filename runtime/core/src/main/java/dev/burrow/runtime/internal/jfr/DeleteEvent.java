package dev.burrow.runtime.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code dev.burrow.Delete}: An instance was deleted. */
@Name("dev.burrow.Delete")
@Label("Burrow Delete")
@Description("An instance was deleted.")
public final class DeleteEvent extends OperationEvent {}
