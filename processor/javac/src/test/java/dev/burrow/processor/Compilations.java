package dev.burrow.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import javax.tools.JavaFileObject;

/** Runs the processor the way a user's build does, with every lint warning an error. */
final class Compilations {
  private Compilations() {}

  static Compiler compiler() {
    return Compiler.javac()
        .withProcessors(new InstanceProcessor())
        .withOptions("-Xlint:all", "-Werror");
  }

  /**
   * Like {@link #compiler()}, but without the lint that reports annotations no processor claims:
   * for sources that carry other libraries' annotations, such as kapt's stubs.
   */
  static Compiler compilerForForeignAnnotations() {
    return Compiler.javac()
        .withProcessors(new InstanceProcessor())
        .withOptions("-Xlint:all,-processing", "-Werror");
  }

  static Compilation compile(JavaFileObject... sources) {
    return compiler().compile(sources);
  }
}
