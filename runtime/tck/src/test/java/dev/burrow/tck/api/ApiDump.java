package dev.burrow.tck.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedTypeVariable;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.TypeVariable;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The exported API of one module as sorted text, one line per type and member: the packages its
 * descriptor exports to everyone, their public and protected types, supertypes, members with
 * generic signatures, and run-time visible annotations (type-use ones such as {@code @Nullable}
 * where they sit). A change to the API is a change to this text.
 */
final class ApiDump {
  private ApiDump() {}

  /** The dump of the module whose code holds {@code member}. */
  static String of(Class<?> member) throws IOException {
    Path location;
    try {
      location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (Files.isDirectory(location)) {
      return dump(location, member.getClassLoader());
    }
    try (FileSystem jar = FileSystems.newFileSystem(location)) {
      return dump(jar.getPath("/"), member.getClassLoader());
    }
  }

  private static String dump(Path classes, ClassLoader loader) throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    StringBuilder out = new StringBuilder("module " + module.name() + "\n");
    List<String> packages =
        module.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .sorted()
            .toList();
    for (String pkg : packages) {
      out.append("\npackage ").append(pkg).append('\n');
      for (String name : topLevelTypes(classes, pkg)) {
        try {
          type(Class.forName(name, false, loader), out);
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return out.toString();
  }

  private static List<String> topLevelTypes(Path classes, String pkg) {
    try (Stream<Path> files = Files.list(classes.resolve(pkg.replace('.', '/')))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.equals("package-info.class"))
          .map(n -> pkg + "." + n.substring(0, n.length() - ".class".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void type(Class<?> c, StringBuilder out) {
    if (!visible(c.getModifiers()) || c.isSynthetic()) {
      return;
    }
    String kind =
        c.isAnnotation()
            ? "@interface"
            : c.isInterface()
                ? "interface"
                : c.isEnum() ? "enum" : c.isRecord() ? "record" : "class";
    int modifiers =
        c.getModifiers() & ~(Modifier.INTERFACE | (c.isInterface() ? Modifier.ABSTRACT : 0));
    if (c.isEnum() || c.isRecord()) {
      modifiers &= ~(Modifier.FINAL | Modifier.STATIC);
    }
    StringBuilder header =
        new StringBuilder(annotations(c.getAnnotations()))
            .append(Modifier.toString(modifiers))
            .append(modifiers == 0 ? "" : " ")
            .append(kind)
            .append(' ')
            .append(c.getName())
            .append(typeParameters(c.getTypeParameters()));
    AnnotatedType superclass = c.getAnnotatedSuperclass();
    if (superclass != null && c.getSuperclass() != Object.class && !c.isEnum() && !c.isRecord()) {
      header.append(" extends ").append(render(superclass));
    }
    List<String> interfaces =
        c.isAnnotation()
            ? List.of()
            : Arrays.stream(c.getAnnotatedInterfaces()).map(ApiDump::render).toList();
    if (!interfaces.isEmpty()) {
      header
          .append(c.isInterface() ? " extends " : " implements ")
          .append(String.join(", ", interfaces));
    }
    out.append(header).append('\n');
    TreeSet<String> members = new TreeSet<>();
    for (Field f : c.getDeclaredFields()) {
      if (visible(f.getModifiers()) && !f.isSynthetic()) {
        members.add(
            "  field "
                + annotations(f.getAnnotations())
                + Modifier.toString(f.getModifiers())
                + " "
                + render(f.getAnnotatedType())
                + " "
                + f.getName());
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (visible(k.getModifiers()) && !k.isSynthetic()) {
        members.add("  ctor " + executable(k, "<init>", null));
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        members.add("  method " + executable(m, m.getName(), m));
      }
    }
    members.forEach(m -> out.append(m).append('\n'));
    Arrays.stream(c.getDeclaredClasses())
        .sorted(Comparator.comparing(Class::getName))
        .forEach(nested -> type(nested, out));
  }

  private static String executable(Executable e, String name, @Nullable Method method) {
    int modifiers = e.getModifiers() & ~Modifier.TRANSIENT; // the same bit means varargs
    StringBuilder s =
        new StringBuilder(annotations(e.getAnnotations())).append(Modifier.toString(modifiers));
    if (method != null && method.isDefault()) {
      s.append(" default");
    }
    s.append(modifiers == 0 ? "" : " ").append(typeParameters(e.getTypeParameters()));
    if (method != null) {
      s.append(e.getTypeParameters().length > 0 ? " " : "")
          .append(render(method.getAnnotatedReturnType()))
          .append(' ');
    }
    List<String> parameters = new ArrayList<>();
    for (AnnotatedType p : e.getAnnotatedParameterTypes()) {
      parameters.add(render(p));
    }
    if (e.isVarArgs() && !parameters.isEmpty()) {
      String last = parameters.remove(parameters.size() - 1);
      parameters.add(last.substring(0, last.length() - 2) + "...");
    }
    s.append(name).append('(').append(String.join(", ", parameters)).append(')');
    List<String> thrown =
        Arrays.stream(e.getAnnotatedExceptionTypes()).map(ApiDump::render).toList();
    if (!thrown.isEmpty()) {
      s.append(" throws ").append(String.join(", ", thrown));
    }
    if (method != null && method.getDefaultValue() != null) {
      s.append(" default ").append(defaultValue(method.getDefaultValue()));
    }
    return s.toString();
  }

  /** An annotation member's default as source spells it; arrays by their elements, not identity. */
  private static String defaultValue(Object value) {
    if (value.getClass().isArray()) {
      return IntStream.range(0, java.lang.reflect.Array.getLength(value))
          .mapToObj(i -> defaultValue(java.lang.reflect.Array.get(value, i)))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return value instanceof String text ? '"' + text + '"' : String.valueOf(value);
  }

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    return Arrays.stream(variables)
        .map(
            v -> {
              List<String> bounds =
                  Arrays.stream(v.getAnnotatedBounds())
                      .map(ApiDump::render)
                      .filter(b -> !b.equals("java.lang.Object"))
                      .toList();
              return annotations(v.getAnnotations())
                  + v.getName()
                  + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds));
            })
        .collect(Collectors.joining(", ", "<", ">"));
  }

  /** An annotated type, with type-use annotations where the language puts them. */
  private static String render(AnnotatedType type) {
    String own = annotations(type.getAnnotations());
    if (type instanceof AnnotatedArrayType array) {
      return render(array.getAnnotatedGenericComponentType())
          + (own.isEmpty() ? "" : " " + own.trim() + " ")
          + "[]";
    }
    if (type instanceof AnnotatedTypeVariable) {
      return own + ((TypeVariable<?>) type.getType()).getName();
    }
    if (type instanceof AnnotatedWildcardType wildcard) {
      AnnotatedType[] lower = wildcard.getAnnotatedLowerBounds();
      AnnotatedType[] upper = wildcard.getAnnotatedUpperBounds();
      if (lower.length > 0) {
        return own + "? super " + render(lower[0]);
      }
      boolean unbounded =
          upper.length == 0
              || (upper[0].getType() == Object.class && upper[0].getAnnotations().length == 0);
      return own + (unbounded ? "?" : "? extends " + render(upper[0]));
    }
    Class<?> raw =
        type.getType() instanceof Class<?> c
            ? c
            : (Class<?>) ((ParameterizedType) type.getType()).getRawType();
    String name = raw.getName().replace('$', '.');
    int dot = name.lastIndexOf('.');
    name =
        own.isEmpty() || dot < 0
            ? own + name
            : name.substring(0, dot + 1) + own + name.substring(dot + 1);
    if (type instanceof AnnotatedParameterizedType parameterized) {
      name +=
          Arrays.stream(parameterized.getAnnotatedActualTypeArguments())
              .map(ApiDump::render)
              .collect(Collectors.joining(", ", "<", ">"));
    }
    return name;
  }

  private static String annotations(Annotation[] annotations) {
    return Arrays.stream(annotations)
        .map(a -> "@" + a.annotationType().getName().replace('$', '.') + " ")
        .sorted()
        .collect(Collectors.joining());
  }
}
