package io.axon.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The lexical tokens of a GraphQL document (the October 2021 spec's): names, variables, numbers,
 * strings (block strings too) and punctuators; whitespace, commas and comments are dropped.
 */
final class GraphQlTokens {
  enum Kind {
    NAME,
    VARIABLE,
    NUMBER,
    STRING,
    PUNCTUATOR
  }

  record Token(Kind kind, String text) {}

  /** A document longer than this is not a request gh or a person writes. */
  static final int MAX_TOKENS = 100_000;

  private final String source;
  private int at;

  GraphQlTokens(String source) {
    this.source = source;
  }

  List<Token> all() throws GraphQlDocument.Unreadable {
    List<Token> tokens = new ArrayList<>();
    for (Token token = next(); token != null; token = next()) {
      if (tokens.size() == MAX_TOKENS) {
        throw new GraphQlDocument.Unreadable("the GraphQL document is too long");
      }
      tokens.add(token);
    }
    return tokens;
  }

  private Token next() throws GraphQlDocument.Unreadable {
    skipIgnored();
    if (at >= source.length()) {
      return null;
    }
    char c = source.charAt(at);
    if (isNameStart(c)) {
      return new Token(Kind.NAME, name());
    }
    if (c == '$') {
      at++;
      if (at >= source.length() || !isNameStart(source.charAt(at))) {
        throw new GraphQlDocument.Unreadable("a GraphQL variable needs a name");
      }
      return new Token(Kind.VARIABLE, name());
    }
    if (c == '-' || Character.isDigit(c)) {
      int start = at++;
      while (at < source.length() && "0123456789.eE+-".indexOf(source.charAt(at)) >= 0) {
        at++;
      }
      String number = source.substring(start, at);
      if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
        throw new GraphQlDocument.Unreadable("a GraphQL number is malformed: " + number);
      }
      return new Token(Kind.NUMBER, number);
    }
    if (source.startsWith("\"\"\"", at)) {
      return new Token(Kind.STRING, blockString());
    }
    if (c == '"') {
      return new Token(Kind.STRING, string());
    }
    if (source.startsWith("...", at)) {
      at += 3;
      return new Token(Kind.PUNCTUATOR, "...");
    }
    if ("!()[]{}:=@|&".indexOf(c) >= 0) {
      at++;
      return new Token(Kind.PUNCTUATOR, String.valueOf(c));
    }
    throw new GraphQlDocument.Unreadable(
        "a GraphQL document cannot hold the character U+%04X".formatted((int) c));
  }

  private void skipIgnored() {
    while (at < source.length()) {
      char c = source.charAt(at);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\uFEFF') {
        at++;
      } else if (c == '#') {
        while (at < source.length() && source.charAt(at) != '\n' && source.charAt(at) != '\r') {
          at++;
        }
      } else {
        return;
      }
    }
  }

  private String name() {
    int start = at;
    while (at < source.length() && isNamePart(source.charAt(at))) {
      at++;
    }
    return source.substring(start, at);
  }

  private String string() throws GraphQlDocument.Unreadable {
    StringBuilder out = new StringBuilder();
    at++; // the opening quote
    while (at < source.length()) {
      char c = source.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\n' || c == '\r') {
        break;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= source.length()) {
        break;
      }
      char escaped = source.charAt(at++);
      switch (escaped) {
        case '"', '\\', '/' -> out.append(escaped);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (at + 4 > source.length() || !source.substring(at, at + 4).matches("[0-9A-Fa-f]{4}")) {
            throw new GraphQlDocument.Unreadable("a GraphQL string has a bad \\u escape");
          }
          out.append((char) Integer.parseInt(source.substring(at, at + 4), 16));
          at += 4;
        }
        default -> throw new GraphQlDocument.Unreadable("a GraphQL string has a bad escape");
      }
    }
    throw new GraphQlDocument.Unreadable("a GraphQL string is not closed");
  }

  /** A block string's raw text (its indentation is not removed: only names are compared). */
  private String blockString() throws GraphQlDocument.Unreadable {
    at += 3;
    StringBuilder out = new StringBuilder();
    while (at < source.length()) {
      if (source.startsWith("\\\"\"\"", at)) {
        out.append("\"\"\"");
        at += 4;
      } else if (source.startsWith("\"\"\"", at)) {
        at += 3;
        return out.toString();
      } else {
        out.append(source.charAt(at++));
      }
    }
    throw new GraphQlDocument.Unreadable("a GraphQL block string is not closed");
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}
