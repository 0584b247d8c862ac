package dev.burrow.cli.root;

import dev.burrow.CorruptInstanceException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The corruption listener of a command's store: hands each damaged instance an export or a copy
 * leaves out to the command while that transfer runs, and drops every other report (a command
 * reports what it reads itself).
 */
final class LeftOutRelay implements Consumer<CorruptInstanceException> {
  private Consumer<CorruptInstanceException> leftOut = problem -> {};

  @Override
  public void accept(CorruptInstanceException problem) {
    leftOut.accept(problem);
  }

  /** Runs {@code transfer}, handing each damaged instance it leaves out to {@code eachLeftOut}. */
  <S> S during(Consumer<CorruptInstanceException> eachLeftOut, Supplier<S> transfer) {
    leftOut = eachLeftOut;
    try {
      return transfer.get();
    } finally {
      leftOut = problem -> {};
    }
  }
}
