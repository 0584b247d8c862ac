package dev.burrow.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.squareup.kotlinpoet.FileSpec;
import dev.burrow.CreatedAt;
import dev.burrow.Default;
import dev.burrow.Indexed;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UpdatedAt;
import dev.burrow.Version;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Target;
import dev.burrow.processor.read.InstanceReader;
import dev.burrow.processor.read.LocalInstances;
import dev.burrow.processor.read.Position;
import dev.burrow.processor.read.Reporter;
import dev.burrow.processor.rules.DefaultRoots;
import dev.burrow.processor.rules.GeneratedNames;
import dev.burrow.processor.rules.Messages;
import dev.burrow.processor.write.GeneratedFiles;
import dev.burrow.processor.write.KotlinChangesGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import org.jspecify.annotations.Nullable;

/**
 * Generates {@code XSchema}, {@code XChanges}, {@code XDirs} and {@code XStore} (and {@code
 * XIndex} where components are {@code @Indexed}) for every type annotated with {@code
 * @dev.burrow.Instance}: reads each into a model ({@link InstanceReader}) and
 * writes the files the model gives ({@link GeneratedFiles}).
 *
 * <p>It claims every annotation of {@code dev.burrow}, the test kit's {@code
 * dev.burrow.test.TempStore} (which the processor path also meets in users' tests), and the two
 * that generated classes carry
 * ({@code @Generated} and JSpecify's {@code @NullMarked}, which javac otherwise reports in the
 * round that compiles them), so that consumers compiled with {@code -Xlint:all -Werror} see no "no
 * processor claimed" warning. Each generated file has the annotated type as its one originating
 * element, so Gradle can treat the processor as isolating. A type whose component types or
 * {@code @Default} values are not resolved yet (made by another processor) is retried in the next
 * round. Types whose default
 * data roots are one folder, or that name one {@code dataRootEnv}, are reported, on each, across
 * rounds ({@link DefaultRoots}), as are types whose generated classes would share names ({@link
 * GeneratedNames}).
 *
 * <p>Under kapt, which names a directory for generated Kotlin in the option {@value
 * #KAPT_KOTLIN_GENERATED}, it also writes {@code XChanges.kt}, the Kotlin change properties.
 */
@AutoService(Processor.class)
public final class InstanceProcessor extends AbstractProcessor {
  /**
   * The test kit's annotations, named here because the test kit is not on the processor path:
   * claimed, so a user's test compiled with {@code -Xlint:all -Werror} is not told that no
   * processor claimed them.
   */
  static final List<String> TEST_KIT_ANNOTATIONS =
      List.of(
          "dev.burrow.test.TempStore",
          "dev.burrow.test.TempDatabase",
          "dev.burrow.test.TestDatabase");

  private static final Set<String> ANNOTATIONS =
      Stream.concat(
              Stream.of(
                      Instance.class,
                      InstanceId.class,
                      Version.class,
                      CreatedAt.class,
                      UpdatedAt.class,
                      Default.class,
                      Indexed.class)
                  .map(Class::getCanonicalName),
              Stream.concat(
                  TEST_KIT_ANNOTATIONS.stream(), GeneratedFiles.CLASS_ANNOTATIONS.stream()))
          .collect(Collectors.toUnmodifiableSet());

  /** The option through which kapt names the directory for generated Kotlin sources. */
  public static final String KAPT_KOTLIN_GENERATED = "kapt.kotlin.generated";

  private final Set<String> deferred = new LinkedHashSet<>();
  private final DefaultRoots<Position> defaultRoots = new DefaultRoots<>();
  private final GeneratedNames<Position> generatedNames = new GeneratedNames<>();
  private @Nullable LocalInstances localInstances;

  /** Creates the processor; javac does this through {@link java.util.ServiceLoader}. */
  public InstanceProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return ANNOTATIONS;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(KAPT_KOTLIN_GENERATED);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  // Claiming is what keeps -Xlint:processing quiet for our consumers; see the class comment.
  @SuppressWarnings("DoNotClaimAnnotations")
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Reporter reporter = new Reporter(processingEnv);
    InstanceReader reader =
        new InstanceReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils(), reporter);
    Set<TypeElement> types = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        types.add(type);
      }
    }
    deferred.clear();
    if (localInstances == null) {
      localInstances = new LocalInstances(processingEnv);
    }
    localInstances.report(round.getRootElements());
    types.addAll(ElementFilter.typesIn(round.getElementsAnnotatedWith(Instance.class)));
    for (TypeElement type : types) {
      if (!InstanceReader.resolved(type)) {
        if (round.processingOver()) {
          reader.reportUnresolved(type);
        } else {
          deferred.add(type.getQualifiedName().toString());
        }
        continue;
      }
      reader
          .read(type)
          .ifPresent(
              model -> {
                defaultRoots.claim(model, Position.of(type), reporter);
                if (generatedNames.claim(model, Position.of(type), reporter)) {
                  write(type, model, reader.target(getClass().getName(), type), reporter);
                }
              });
    }
    return true;
  }

  private void write(TypeElement type, InstanceModel model, Target target, Reporter reporter) {
    for (JavaFile file : GeneratedFiles.of(model, target)) {
      String name =
          file.packageName().isEmpty()
              ? file.typeSpec().name()
              : file.packageName() + "." + file.typeSpec().name();
      try (Writer writer = processingEnv.getFiler().createSourceFile(name, type).openWriter()) {
        file.writeTo(writer);
      } catch (IOException e) {
        reporter.error(type, Messages.writeFailed(name, e.toString()));
      }
    }
    String kotlinDirectory = processingEnv.getOptions().get(KAPT_KOTLIN_GENERATED);
    if (kotlinDirectory != null) {
      FileSpec kotlin =
          KotlinChangesGenerator.generate(model, target, InstanceReader.moduleOnly(type));
      try {
        kotlin.writeTo(Path.of(kotlinDirectory));
      } catch (IOException e) {
        reporter.error(type, Messages.writeFailed(kotlin.getName() + ".kt", e.toString()));
      }
    }
  }
}
