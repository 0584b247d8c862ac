package dev.burrow.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Generates {@code XSchema}, {@code XChanges}, {@code XDirs} and {@code XStore} for every
 * type annotated with {@code @dev.burrow.Instance}.
 *
 * <p>Each generated file has the annotated type as its one originating element, so Gradle can
 * treat the processor as isolating. A type whose component types are not resolved yet (made by
 * another processor) is retried in the next round.
 */
@AutoService(Processor.class)
public final class InstanceProcessor extends AbstractProcessor {
  private final Set<String> deferred = new LinkedHashSet<>();

  /** Creates the processor; javac does this through {@link java.util.ServiceLoader}. */
  public InstanceProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(InstanceReader.INSTANCE);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Reporter reporter = new Reporter(processingEnv.getMessager());
    InstanceReader reader = new InstanceReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils(), reporter);
    Set<TypeElement> types = new LinkedHashSet<>();
    deferred.forEach(name -> Optional.ofNullable(processingEnv.getElementUtils().getTypeElement(name)).ifPresent(types::add));
    deferred.clear();
    TypeElement instance = processingEnv.getElementUtils().getTypeElement(InstanceReader.INSTANCE);
    if (instance != null) {
      types.addAll(ElementFilter.typesIn(round.getElementsAnnotatedWith(instance)));
    }
    for (TypeElement type : types) {
      if (!InstanceReader.resolved(type)) {
        if (round.processingOver()) {
          reader.reportUnresolved(type);
        } else {
          deferred.add(type.getQualifiedName().toString());
        }
        continue;
      }
      reader.read(type).ifPresent(model -> write(type, model));
    }
    return false;
  }

  private void write(Element type, InstanceModel model) {
    List<JavaFile> files =
        List.of(
            new SchemaGenerator(model).generate(),
            new ChangesGenerator(model).generate(),
            new DirsGenerator(model).generate(),
            new StoreGenerator(model).generate());
    for (JavaFile file : files) {
      try {
        file.writeTo(processingEnv.getFiler());
      } catch (IOException e) {
        processingEnv.getMessager().printMessage(
            Diagnostic.Kind.ERROR, "could not write " + file.packageName() + "." + file.typeSpec().name() + ": " + e, type);
      }
    }
  }
}
