package dev.burrow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** An {@code @Instance} record in the unnamed package gets its generated classes there. */
class UnnamedPackageTest {

  @Test
  void aRecordInTheUnnamedPackageGetsItsStoreThere() {
    Compilation compilation =
        Compilations.compile(
            JavaFileObjects.forSourceString(
                "Top",
                String.join(
                    "\n",
                    "import dev.burrow.*;",
                    "",
                    "@Instance(name = \"tops\")",
                    "public record Top(@InstanceId String id, @Version long version,",
                    "    @Indexed String name) {",
                    "  static void use(TopStore store) {",
                    "    store.update(store.create(c -> c.name(\"n\")).id(), c -> c.name(\"m\"));",
                    "    store.countByName(\"m\");",
                    "  }",
                    "}",
                    "")));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedFile(StandardLocation.SOURCE_OUTPUT, "", "TopStore.java");
  }
}
