package dev.burrow.runtime.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code dev.burrow.Get}: An instance was read. */
@Name("dev.burrow.Get")
@Label("Burrow Get")
@Description("An instance was read.")
public final class GetEvent extends OperationEvent {}
