package dev.burrow.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.IdKind;
import dev.burrow.spi.InstanceLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataRootsTest {
  private static final InstanceLayout LAYOUT =
      new InstanceLayout("task-runs", List.of(), "RUNNER_DIR", "~/.runner", IdKind.SNOWFLAKE);

  @Test
  void explicitPathWinsOverEnvironmentAndDefault() {
    assertEquals(
        Path.of("/explicit"),
        DataRoots.resolve(
            LAYOUT, Path.of("/explicit"), Map.of("RUNNER_DIR", "/from-env")::get, "/home/u"));
  }

  @Test
  void environmentVariableWinsOverDefault() {
    assertEquals(
        Path.of("/from-env"),
        DataRoots.resolve(LAYOUT, null, Map.of("RUNNER_DIR", "/from-env")::get, "/home/u"));
    assertEquals(
        Path.of("/home/u/runs"),
        DataRoots.resolve(LAYOUT, null, Map.of("RUNNER_DIR", "~/runs")::get, "/home/u"));
  }

  @Test
  void defaultExpandsHomeAndBlankVariablesAreIgnored() {
    assertEquals(
        Path.of("/home/u/.runner"),
        DataRoots.resolve(LAYOUT, null, Map.of("RUNNER_DIR", " ")::get, "/home/u"));
  }

  @Test
  void withoutADeclaredDefaultTheRootIsUnderDotBurrow() {
    InstanceLayout bare = new InstanceLayout("sessions", List.of(), null, "", IdKind.UUID_V7);
    assertEquals(
        Path.of("/home/u/.burrow/sessions"),
        DataRoots.resolve(bare, null, Map.<String, String>of()::get, "/home/u"));
  }
}
