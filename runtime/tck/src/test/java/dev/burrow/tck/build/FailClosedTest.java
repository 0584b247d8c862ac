package dev.burrow.tck.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.test.internal.Prerequisites;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;

/**
 * CI fails closed: {@code .ci/run} makes every test required itself, whatever the host's
 * environment says, and the build's verify check lists every test a Surefire report marks as
 * skipped (disabled, or aborted by an assumption or a missing tool).
 */
class FailClosedTest {
  private static final Path ROOT = Path.of(System.getProperty("burrow.projectRoot", "../.."));

  @Test
  void ciRunRequiresEveryTestItselfAndRunsExactlyTheReadmeCommand() throws Exception {
    List<String> lines = Files.readAllLines(ROOT.resolve(".ci/run"), StandardCharsets.UTF_8);
    int exported = lines.indexOf("export " + Prerequisites.SWITCH + "=true");
    int verify = lines.indexOf("exec mvn -B verify");
    int unset = lines.indexOf("unset MAVEN_OPTS MAVEN_ARGS");
    assertTrue(
        unset >= 0 && unset < verify,
        ".ci/run must keep the host's MAVEN_OPTS and MAVEN_ARGS (-DskipTests) away from the build: "
            + lines);
    int skipRc = lines.indexOf("export MAVEN_SKIP_RC=true");
    assertTrue(
        skipRc >= 0 && skipRc < verify,
        ".ci/run must keep the host's ~/.mavenrc (MAVEN_OPTS set there) away from the build: "
            + lines);
    assertTrue(exported >= 0, ".ci/run must export " + Prerequisites.SWITCH + "=true: " + lines);
    assertTrue(verify > exported, ".ci/run must then run exactly 'mvn -B verify': " + lines);
    assertEquals(verify, lines.size() - 1, "nothing may run after the test command");
  }

  @Test
  void theVerifyCheckRunsInEveryModuleAndListsEverySkippedOrFailedTest() throws Exception {
    String pom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
    assertTrue(pom.contains("<id>every-test-ran</id>"), "the parent pom binds the check");
    assertTrue(pom.contains("ant.env." + Prerequisites.SWITCH), "the check reads the switch");
    assertTrue(
        pom.contains("<resourcecount when=\"equal\" count=\"0\">"),
        "the check fails a module with tests that ran none");
    String report =
        """
        <testsuite name="x">
          <testcase name="ran" classname="a.B"/>
          <testcase name="off" classname="a.B"><skipped message="disabled for now"/></testcase>
          <testcase name="broken" classname="a.B">
            <failure type="org.opentest4j.AssertionFailedError" message="expected 1"/>
          </testcase>
          <testcase name="aborted" classname="a.C">
            <skipped type="org.opentest4j.TestAbortedException"><![CDATA[org.opentest4j.TestAbortedException: no libfiu
          at a.C.aborted(C.java:1)]]></skipped>
          </testcase>
        </testsuite>
        """;
    Transformer listing =
        TransformerFactory.newInstance()
            .newTransformer(new StreamSource(ROOT.resolve(".ci/tests-not-run.xsl").toFile()));
    StringWriter out = new StringWriter();
    listing.transform(new StreamSource(new StringReader(report)), new StreamResult(out));

    assertEquals(
        List.of(
            "  a.B off: disabled for now",
            "  a.B broken: failed: org.opentest4j.AssertionFailedError",
            "  a.C aborted: org.opentest4j.TestAbortedException: no libfiu"),
        out.toString().lines().toList());
  }
}
