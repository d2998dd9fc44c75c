package io.axon.cli.output;

import io.axon.client.render.TerminalText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Columns aligned as kubectl aligns them: left-aligned, three spaces apart. With {@link #printRow}
 * rows can be added after the first print (for watches); they keep the widths seen so far and widen
 * if they must. Cells are shown on one line and without control characters ({@link TerminalText}):
 * a status message may carry an agent's words.
 */
public final class Table {
  private static final String GAP = "   ";
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final int[] widths;

  public Table(List<String> header) {
    this.header = List.copyOf(header);
    this.widths = new int[header.size()];
    widen(header);
  }

  /** Adds a row to be printed by {@link #print}. */
  public Table add(List<String> row) {
    if (row.size() != header.size()) {
      throw new IllegalArgumentException(
          "row has %d cells, header %d".formatted(row.size(), header.size()));
    }
    List<String> cells = cells(row);
    rows.add(cells);
    widen(cells);
    return this;
  }

  /** Prints the header and every row added so far. */
  public void print(PrintWriter out) {
    out.println(format(header));
    for (List<String> row : rows) {
      out.println(format(row));
    }
    rows.clear();
    out.flush();
  }

  /** Prints one more row under a table already printed. */
  public void printRow(PrintWriter out, List<String> row) {
    List<String> cells = cells(row);
    widen(cells);
    out.println(format(cells));
    out.flush();
  }

  private static List<String> cells(List<String> row) {
    return row.stream().map(TerminalText::oneLine).toList();
  }

  private void widen(List<String> row) {
    for (int i = 0; i < row.size(); i++) {
      widths[i] = Math.max(widths[i], row.get(i).length());
    }
  }

  private String format(List<String> row) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < row.size(); i++) {
      String cell = row.get(i);
      line.append(cell);
      if (i < row.size() - 1) {
        line.append(" ".repeat(widths[i] - cell.length())).append(GAP);
      }
    }
    return line.toString();
  }
}
