package dev.burrow.samples.taskrunner;

import java.util.List;

/**
 * What checking a run found.
 *
 * @param tasksChecked how many task instances were compared with their plans
 * @param problems every difference between what was done and what is stored; empty when none
 */
record Verification(int tasksChecked, List<String> problems) {
  boolean passed() {
    return problems.isEmpty();
  }
}
