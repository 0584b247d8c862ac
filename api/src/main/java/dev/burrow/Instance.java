package dev.burrow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record (or a Kotlin data class) as the metadata document of one kind of instance.
 *
 * <p>Burrow's annotation processor generates, in the same package, {@code <Name>Schema} (field
 * names, codec, fresh defaults, layout), {@code <Name>Store} (the typed store) and {@code
 * <Name>Changes} (the typed change builder used by {@code update}).
 *
 * <p>The type needs exactly one {@link InstanceId} component of type {@code String} and one {@link
 * Version} component of type {@code long}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Instance {

  /**
   * The kind's name, such as {@code "task-runs"}: lower-case letters, digits and dashes. It is
   * recorded in the data root, and a root made for one kind refuses to open as another.
   */
  String name();

  /**
   * Subdirectories created inside every instance's directory when the instance is created, such as
   * {@code {"workspace", "logs"}}. Each is a single portable path segment.
   */
  String[] subdirectories() default {};

  /**
   * Name of the environment variable that overrides the default data root, such as {@code
   * "TASKRUNNER_DATA_DIR"}; empty for none. Its value is this kind's data root itself, not a parent
   * folder of several kinds', so two types compiled together must not name the same variable: the
   * processor reports both. An explicit path given to {@code open} always wins over it.
   */
  String dataRootEnv() default "";

  /**
   * Data root used when neither an explicit path nor the environment variable is given. A leading
   * {@code ~/} means the user's home directory; nothing else is expanded, and a value naming a
   * variable ({@code $HOME}, {@code ${user.home}}, {@code %APPDATA%}, {@code ~user}) is a compile
   * error. Empty means {@code ~/.burrow/<name>}. Two types compiled together must not share a
   * default root: the processor reports both.
   */
  String defaultDataRoot() default "";

  /** Kind of ID that {@code create()} generates. */
  IdKind idKind() default IdKind.SNOWFLAKE;

  /** What reading a document does with a JSON field the type does not declare. */
  UnknownFields unknownFields() default UnknownFields.IGNORE;
}
