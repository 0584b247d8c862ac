package dev.burrow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code java.time.Instant} component that Burrow sets once, when the instance is
 * created. Later writes keep the stored value whatever the new value says. Listings are ordered by
 * ID, not by this value: generated IDs are time-ordered, so newest first by ID is newest first by
 * creation; explicit IDs list in the documented order of IDs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD
})
public @interface CreatedAt {}
