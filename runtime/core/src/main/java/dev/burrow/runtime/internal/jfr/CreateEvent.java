package dev.burrow.runtime.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code dev.burrow.Create}: An instance was created (one atomic write). */
@Name("dev.burrow.Create")
@Label("Burrow Create")
@Description("An instance was created (one atomic write).")
public final class CreateEvent extends OperationEvent {}
