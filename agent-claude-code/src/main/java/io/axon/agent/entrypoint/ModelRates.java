package io.axon.agent.entrypoint;

import java.util.List;
import java.util.Locale;

/**
 * What models cost, per million tokens at list price, in the one table the entrypoint prices a run
 * from while the agent CLI has not said its own figure yet. A model not in the table is priced at
 * the dearest rates, so that a cost limit stops such a run too early rather than too late.
 */
final class ModelRates {

  /** US dollars per million tokens. */
  record Rates(double input, double cacheWrite, double cacheRead, double output) {
    double cost(long input, long cacheWrite, long cacheRead, long output) {
      return (input * this.input
              + cacheWrite * this.cacheWrite
              + cacheRead * this.cacheRead
              + output * this.output)
          / 1_000_000.0;
    }
  }

  private record Entry(String prefix, Rates rates) {}

  private static final Rates OPUS_4 = new Rates(15, 18.75, 1.50, 75);
  private static final Rates OPUS_45 = new Rates(5, 6.25, 0.50, 25);
  private static final Rates SONNET = new Rates(3, 3.75, 0.30, 15);
  private static final Rates HAIKU_45 = new Rates(1, 1.25, 0.10, 5);
  private static final Rates HAIKU_35 = new Rates(0.80, 1, 0.08, 4);

  /** The dearest rates in the table, for a model it does not know. */
  static final Rates UNKNOWN = OPUS_4;

  /** First match wins: longer, newer names before the older ones they start with. */
  private static final List<Entry> TABLE =
      List.of(
          new Entry("claude-opus-4-5", OPUS_45),
          new Entry("claude-opus-4-6", OPUS_45),
          new Entry("claude-opus-4-7", OPUS_45),
          new Entry("claude-opus-4", OPUS_4),
          new Entry("claude-3-opus", OPUS_4),
          new Entry("claude-sonnet-4", SONNET),
          new Entry("claude-3-7-sonnet", SONNET),
          new Entry("claude-3-5-sonnet", SONNET),
          new Entry("claude-haiku-4", HAIKU_45),
          new Entry("claude-3-5-haiku", HAIKU_35),
          new Entry("opus", OPUS_45),
          new Entry("sonnet", SONNET),
          new Entry("haiku", HAIKU_45));

  private ModelRates() {}

  static Rates of(String model) {
    if (model == null) {
      return UNKNOWN;
    }
    String name = model.toLowerCase(Locale.ROOT);
    for (Entry entry : TABLE) {
      if (name.startsWith(entry.prefix())) {
        return entry.rates();
      }
    }
    return UNKNOWN;
  }
}
