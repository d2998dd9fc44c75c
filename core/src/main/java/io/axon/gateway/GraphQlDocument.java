package io.axon.gateway;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Just enough of a GraphQL request to decide on it: each operation's type and top-level fields with
 * their arguments (variables resolved from the request's {@code variables}), and the name of every
 * field selected below them (in fragments too). Anything it cannot read is refused by the caller,
 * never passed.
 */
record GraphQlDocument(List<Operation> operations, Set<String> nestedFieldNames) {

  /** One operation of the document. */
  record Operation(String type, List<Field> fields) {}

  /**
   * A top-level field; argument values are String, Boolean, Long, Double, null, an enum's name,
   * List or Map, with variables already replaced by their values.
   */
  record Field(String name, Map<String, Object> arguments) {}

  /** A request the gateway cannot read. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  private static final int MAX_DEPTH = 64;

  /** Parses a request body ({@code {"query": ..., "variables": {...}}}). */
  static GraphQlDocument parse(JsonObject request) throws Unreadable {
    if (!(request.getValue("query") instanceof String query)) {
      throw new Unreadable("a GraphQL request needs its query as a string");
    }
    Object variables = request.getValue("variables");
    if (variables != null && !(variables instanceof JsonObject)) {
      throw new Unreadable("GraphQL variables must be an object");
    }
    Map<String, Object> vars = variables == null ? Map.of() : ((JsonObject) variables).getMap();
    return new Parser(new GraphQlTokens(query).all(), vars).document();
  }

  private static final class Parser {
    private final List<GraphQlTokens.Token> tokens;
    private final Map<String, Object> variables;
    private final Set<String> names = new HashSet<>();
    private int at;

    Parser(List<GraphQlTokens.Token> tokens, Map<String, Object> variables) {
      this.tokens = tokens;
      this.variables = variables;
    }

    GraphQlDocument document() throws Unreadable {
      List<Operation> operations = new ArrayList<>();
      while (!atEnd()) {
        if (peekIs("{")) {
          operations.add(new Operation("query", topLevel()));
        } else if (peekName("fragment")) {
          next();
          name(); // the fragment's name
          expectName("on");
          name(); // its type
          directives();
          selectionSet(1);
        } else if (peekName("query") || peekName("mutation") || peekName("subscription")) {
          String type = next().text();
          if (peekKind(GraphQlTokens.Kind.NAME)) {
            next();
          }
          if (peekIs("(")) {
            skipBalanced("(", ")");
          }
          directives();
          operations.add(new Operation(type, topLevel()));
        } else {
          throw new Unreadable("unexpected " + peek().text() + " in the GraphQL document");
        }
      }
      if (operations.isEmpty()) {
        throw new Unreadable("the GraphQL document has no operation");
      }
      return new GraphQlDocument(List.copyOf(operations), Set.copyOf(names));
    }

    /** The operation's own selection set: its fields, read with their arguments. */
    private List<Field> topLevel() throws Unreadable {
      expect("{");
      List<Field> fields = new ArrayList<>();
      while (!peekIs("}")) {
        if (peekIs("...")) {
          throw new Unreadable("a fragment at an operation's top level is not read");
        }
        String name = name();
        if (peekIs(":")) { // an alias
          next();
          name = name();
        }
        Map<String, Object> arguments = peekIs("(") ? arguments() : Map.of();
        directives();
        if (peekIs("{")) {
          selectionSet(2);
        }
        fields.add(new Field(name, arguments));
      }
      expect("}");
      return fields;
    }

    /** A nested selection set: only the field names matter. */
    private void selectionSet(int depth) throws Unreadable {
      if (depth > MAX_DEPTH) {
        throw new Unreadable("the GraphQL selection is nested too deeply");
      }
      expect("{");
      while (!peekIs("}")) {
        if (peekIs("...")) {
          next();
          if (peekName("on")) {
            next();
            name();
          } else if (peekKind(GraphQlTokens.Kind.NAME)) {
            name(); // a fragment spread: its fields are read where it is defined
            directives();
            continue;
          }
          directives();
          selectionSet(depth + 1);
          continue;
        }
        String name = name();
        if (peekIs(":")) {
          next();
          name = name();
        }
        names.add(name);
        if (peekIs("(")) {
          arguments();
        }
        directives();
        if (peekIs("{")) {
          selectionSet(depth + 1);
        }
      }
      expect("}");
    }

    private Map<String, Object> arguments() throws Unreadable {
      expect("(");
      Map<String, Object> arguments = new LinkedHashMap<>();
      while (!peekIs(")")) {
        String name = name();
        expect(":");
        arguments.put(name, value(0));
      }
      expect(")");
      return arguments;
    }

    private Object value(int depth) throws Unreadable {
      if (depth > MAX_DEPTH) {
        throw new Unreadable("a GraphQL value is nested too deeply");
      }
      GraphQlTokens.Token token = next();
      switch (token.kind()) {
        case VARIABLE:
          return variables.get(token.text());
        case STRING:
          return token.text();
        case NUMBER:
          return token.text().matches("-?[0-9]+")
              ? (Object) Long.valueOf(token.text())
              : Double.valueOf(token.text());
        case NAME:
          return switch (token.text()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> token.text(); // an enum value
          };
        case PUNCTUATOR:
          if (token.text().equals("[")) {
            List<Object> list = new ArrayList<>();
            while (!peekIs("]")) {
              list.add(value(depth + 1));
            }
            expect("]");
            return list;
          }
          if (token.text().equals("{")) {
            Map<String, Object> object = new LinkedHashMap<>();
            while (!peekIs("}")) {
              String name = name();
              expect(":");
              object.put(name, value(depth + 1));
            }
            expect("}");
            return object;
          }
          break;
        default:
          break;
      }
      throw new Unreadable("unexpected " + token.text() + " in a GraphQL value");
    }

    private void directives() throws Unreadable {
      while (peekIs("@")) {
        next();
        name();
        if (peekIs("(")) {
          arguments();
        }
      }
    }

    private void skipBalanced(String open, String close) throws Unreadable {
      int level = 0;
      do {
        GraphQlTokens.Token token = next();
        if (token.kind() == GraphQlTokens.Kind.PUNCTUATOR && token.text().equals(open)) {
          level++;
        } else if (token.kind() == GraphQlTokens.Kind.PUNCTUATOR && token.text().equals(close)) {
          level--;
        }
      } while (level > 0);
    }

    private String name() throws Unreadable {
      GraphQlTokens.Token token = next();
      if (token.kind() != GraphQlTokens.Kind.NAME) {
        throw new Unreadable("expected a name in the GraphQL document, not " + token.text());
      }
      return token.text();
    }

    private void expectName(String name) throws Unreadable {
      if (!name().equals(name)) {
        throw new Unreadable("expected " + name + " in the GraphQL document");
      }
    }

    private void expect(String punctuator) throws Unreadable {
      GraphQlTokens.Token token = next();
      if (token.kind() != GraphQlTokens.Kind.PUNCTUATOR || !token.text().equals(punctuator)) {
        throw new Unreadable("expected " + punctuator + " in the GraphQL document");
      }
    }

    private GraphQlTokens.Token next() throws Unreadable {
      if (atEnd()) {
        throw new Unreadable("the GraphQL document ends too early");
      }
      return tokens.get(at++);
    }

    private GraphQlTokens.Token peek() throws Unreadable {
      if (atEnd()) {
        throw new Unreadable("the GraphQL document ends too early");
      }
      return tokens.get(at);
    }

    private boolean atEnd() {
      return at >= tokens.size();
    }

    private boolean peekIs(String punctuator) throws Unreadable {
      GraphQlTokens.Token token = peek();
      return token.kind() == GraphQlTokens.Kind.PUNCTUATOR && token.text().equals(punctuator);
    }

    private boolean peekName(String name) {
      return !atEnd()
          && tokens.get(at).kind() == GraphQlTokens.Kind.NAME
          && tokens.get(at).text().equals(name);
    }

    private boolean peekKind(GraphQlTokens.Kind kind) {
      return !atEnd() && tokens.get(at).kind() == kind;
    }
  }
}
