package dev.burrow.processor.rules;

import dev.burrow.CreatedAt;
import dev.burrow.Default;
import dev.burrow.Indexed;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UpdatedAt;
import dev.burrow.Version;
import dev.burrow.processor.model.Component;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The annotations front ends read, by qualified name. */
public final class Annotations {
  /** {@code @Instance}. */
  public static final String INSTANCE = Instance.class.getCanonicalName();

  /** {@code @Default}. */
  public static final String DEFAULT = Default.class.getCanonicalName();

  /** {@code @Indexed}. */
  public static final String INDEXED = Indexed.class.getCanonicalName();

  private static final Map<String, Component.Role> ROLES =
      Map.of(
          InstanceId.class.getCanonicalName(), Component.Role.ID,
          Version.class.getCanonicalName(), Component.Role.VERSION,
          CreatedAt.class.getCanonicalName(), Component.Role.CREATED_AT,
          UpdatedAt.class.getCanonicalName(), Component.Role.UPDATED_AT);

  private Annotations() {}

  /** The roles that the annotations named {@code qualifiedNames} give, in role order. */
  public static List<Component.Role> roles(Collection<String> qualifiedNames) {
    return qualifiedNames.stream().map(ROLES::get).filter(Objects::nonNull).sorted().toList();
  }
}
