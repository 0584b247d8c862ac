package dev.burrow.runtime.codec;

import java.lang.reflect.Executable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Version;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedParameter;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;

/**
 * Gives Jackson the {@link ParameterNames} generated code supplies, as the implicit names of
 * constructor and {@code @JsonCreator} factory parameters: where javac's {@code -parameters} would
 * have put them. Jackson's own introspection comes first, so an explicit {@code @JsonProperty} or a
 * name the class file records wins; only a parameter Jackson would find no name for gets one from
 * here.
 */
final class ParameterNamesModule extends JacksonModule {
  private final Map<Class<?>, List<ParameterNames>> byClass;

  ParameterNamesModule(List<ParameterNames> names) {
    this.byClass =
        names.stream()
            .distinct()
            .collect(
                Collectors.groupingBy(
                    ParameterNames::type,
                    Collectors.collectingAndThen(Collectors.toList(), List::copyOf)));
  }

  @Override
  public String getModuleName() {
    return "burrow-parameter-names";
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public Object getRegistrationId() {
    return byClass;
  }

  @Override
  public void setupModule(SetupContext context) {
    context.appendAnnotationIntrospector(new Introspector(byClass));
  }

  /** Names the parameters of the constructors and factories it has names for; nothing else. */
  private static final class Introspector extends NopAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    private final Map<Class<?>, List<ParameterNames>> byClass;

    Introspector(Map<Class<?>, List<ParameterNames>> byClass) {
      this.byClass = byClass;
    }

    @Override
    public @Nullable String findImplicitPropertyName(
        MapperConfig<?> config, AnnotatedMember member) {
      if (member instanceof AnnotatedParameter parameter
          && parameter.getOwner().getMember() instanceof Executable creator) {
        for (ParameterNames names : byClass.getOrDefault(creator.getDeclaringClass(), List.of())) {
          String name = names.nameOf(creator, parameter.getIndex());
          if (name != null) {
            return name;
          }
        }
      }
      return null;
    }
  }
}
