package dev.burrow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Target;
import java.nio.file.Path;
import javax.lang.model.element.Modifier;

/** Generates {@code XDirs}: one typed {@code Path} accessor per declared subdirectory. */
final class DirsGenerator {
  private final InstanceModel model;
  private final Target target;

  DirsGenerator(InstanceModel model, Target target) {
    this.model = model;
    this.target = target;
  }

  JavaFile generate() {
    ClassName dirs = TypeNames.of(model.dirsName());
    TypeSpec.Builder spec =
        GeneratedTypes.generatedClass(model, model.dirsName(), target)
            .addJavadoc(
                "The directory of one {@link $T} instance and its declared" + " subdirectories,\n",
                TypeNames.of(model.type()))
            .addJavadoc("which are created with the instance and removed with it. Obtained from\n")
            .addJavadoc("{@link $T#dirs(String)}.\n", TypeNames.of(model.storeName()))
            .addField(
                GeneratedTypes.INSTANCE_DIRECTORY, "directory", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addParameter(GeneratedTypes.INSTANCE_DIRECTORY, "directory")
                    .addStatement("this.directory = directory")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("instanceId")
                    .addJavadoc("The instance's ID.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(String.class)
                    .addStatement("return directory.instanceId()")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("root")
                    .addJavadoc("The instance's directory.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(Path.class)
                    .addStatement("return directory.root()")
                    .build());
    for (InstanceModel.Subdirectory subdirectory : model.subdirectories()) {
      spec.addMethod(
          MethodSpec.methodBuilder(subdirectory.accessor())
              .addJavadoc("The {@code $L} subdirectory.\n", subdirectory.name())
              .addModifiers(Modifier.PUBLIC)
              .returns(Path.class)
              .addStatement("return directory.subdirectory($S)", subdirectory.name())
              .build());
    }
    return JavaFile.builder(dirs.packageName(), spec.build()).skipJavaLangImports(true).build();
  }
}
