package dev.burrow.samples.taskrunner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the task in a slot does, decided by its number alone, so the end state of every task can be
 * checked against it: 1 to 4 build steps, each writing one file in the workspace, then a test of
 * those files. In every tenth slot the last step writes a wrong file on purpose and the test fails.
 */
record Plan(int slot, int steps, boolean failsTest) {
  static final String OUTPUT_DIRECTORY = "out";

  static Plan of(int slot) {
    return new Plan(slot, 1 + slot % 4, slot % 10 == 9);
  }

  Status outcome() {
    return failsTest ? Status.FAILED : Status.SUCCEEDED;
  }

  List<Status> history() {
    return List.of(Status.PENDING, Status.RUNNING, Status.TESTING, outcome());
  }

  /** Created, assigned, started, one per step, tested, finished. */
  long version() {
    return 5L + steps;
  }

  /** Started, one per step, tested, finished. */
  int events() {
    return 3 + steps;
  }

  static String stepName(int step) {
    return "step-" + step;
  }

  static String outputFile(int step) {
    return OUTPUT_DIRECTORY + "/" + stepName(step) + ".txt";
  }

  Map<String, String> outputs() {
    Map<String, String> outputs = new LinkedHashMap<>();
    for (int step = 1; step <= steps; step++) {
      outputs.put(stepName(step), outputFile(step));
    }
    return outputs;
  }

  /** What step {@code step} of task {@code taskId} writes, given the checked-out input. */
  static String expectedOutput(String taskId, int step, String input) {
    return "task " + taskId + ", step " + step + ": " + input.strip() + "\n";
  }

  /**
   * What step {@code step} really writes: the expected output, except in a failing plan's last
   * step.
   */
  String output(String taskId, int step, String input) {
    String expected = expectedOutput(taskId, step, input);
    return failsTest && step == steps ? expected.toUpperCase(Locale.ROOT) : expected;
  }

  /** The test's message when step {@code step}'s output is wrong. */
  static String testFailure(int step) {
    return "test failed: " + outputFile(step) + " does not hold the expected output";
  }
}
