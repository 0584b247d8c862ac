package dev.burrow.processor.write;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out generated Javadoc: each line of the text given is a paragraph, a blank line or a block
 * tag, wrapped at {@value #WIDTH} characters as it will read once JavaPoet has put in the {@code
 * $T} and {@code $L} arguments. An inline tag, braces and all, is never split; block tags continue
 * indented.
 */
final class JavadocText {
  private static final int WIDTH = 88;
  private static final String TAG_CONTINUATION = "    ";

  private JavadocText() {}

  /** {@code text} with line breaks, still a JavaPoet format for {@code args}. */
  static String wrap(String text, Object... args) {
    StringBuilder out = new StringBuilder();
    int arg = 0;
    for (String paragraph : text.split("\n", -1)) {
      String indent = paragraph.startsWith("@") ? TAG_CONTINUATION : "";
      int column = 0;
      for (String word : words(paragraph)) {
        int width = word.length();
        for (int at = word.indexOf('$'); at >= 0; at = word.indexOf('$', at + 2)) {
          width += shown(args[arg++]).length() - 2;
        }
        if (column > 0 && column + 1 + width > WIDTH) {
          out.append('\n').append(indent);
          column = indent.length();
        } else if (column > 0) {
          out.append(' ');
          column++;
        }
        out.append(word);
        column += width;
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * {@code text}, which the user wrote, shown as code in generated Javadoc: in a {@code @code}
   * inline tag where every character reads back as written, else in an HTML {@code code} element
   * with each character that the comment, an inline tag, JavaPoet's format or javac's unicode
   * escapes would read otherwise (such as {@code *}, a brace, {@code $} or a backslash) spelled as
   * an HTML entity.
   */
  static String code(String text) {
    if (text.chars().allMatch(JavadocText::plain)) {
      return "{@code " + text + "}";
    }
    StringBuilder html = new StringBuilder("<code>");
    text.codePoints()
        .forEach(
            c -> {
              if (plain(c)) {
                html.append((char) c);
              } else {
                html.append("&#").append(c).append(';');
              }
            });
    return html.append("</code>").toString();
  }

  private static boolean plain(int c) {
    return c >= ' ' && c < 0x7f && "*{}$@<>&\\".indexOf(c) < 0;
  }

  private static String shown(Object arg) {
    return arg instanceof ClassName name ? name.simpleName() : String.valueOf(arg);
  }

  /** The words of {@code paragraph}, an inline tag with all its words counting as one. */
  private static List<String> words(String paragraph) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int depth = 0;
    for (String part : paragraph.split(" ", -1)) {
      if (word.length() > 0) {
        word.append(' ');
      }
      word.append(part);
      depth += count(part, '{') - count(part, '}');
      if (depth <= 0) {
        words.add(word.toString());
        word.setLength(0);
        depth = 0;
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }

  private static int count(String text, char c) {
    return (int) text.chars().filter(x -> x == c).count();
  }
}
