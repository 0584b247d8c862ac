package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Every throughput measured in a run, one value per repetition, and their medians. */
final class Measurements {

  /** What one figure is: a system, a durability, a workload, a thread count and a size. */
  record Key(Contender system, Durability durability, Workload workload, int threads, int n) {}

  private final Map<Key, List<Double>> values = new LinkedHashMap<>();

  /** Records one repetition's throughput, in operations per second. */
  synchronized void add(Key key, double perSecond) {
    values.computeIfAbsent(key, k -> new ArrayList<>()).add(perSecond);
  }

  /** Records {@code count} operations that took {@code seconds}. */
  void addTimed(Key key, int count, double seconds) {
    add(key, count / seconds);
  }

  /** The median over the repetitions, or empty if the figure was not measured. */
  synchronized OptionalDouble median(Key key) {
    List<Double> measured = values.get(key);
    if (measured == null || measured.isEmpty()) {
      return OptionalDouble.empty();
    }
    List<Double> sorted = measured.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return OptionalDouble.of(
        sorted.size() % 2 == 1
            ? sorted.get(middle)
            : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
  }

  /** The smallest and largest repetition of a figure, or empty if it was not measured. */
  synchronized Optional<double[]> range(Key key) {
    List<Double> measured = values.get(key);
    if (measured == null || measured.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new double[] {Collections.min(measured), Collections.max(measured)});
  }

  /** The repetitions of a figure. */
  synchronized int count(Key key) {
    List<Double> measured = values.get(key);
    return measured == null ? 0 : measured.size();
  }

  /** The median over the repetitions of {@code system} at the other coordinates of {@code key}. */
  OptionalDouble median(
      Contender system, Durability durability, Workload workload, int threads, int n) {
    return median(new Key(system, durability, workload, threads, n));
  }
}
