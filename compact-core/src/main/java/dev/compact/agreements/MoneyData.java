package dev.compact.agreements;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Figures a compact states as data, each with its source: exchange rates on a date, and states'
 * GDP by year. The engine is pure, so a conversion or a share of GDP uses these and nothing it
 * fetches; the figure, its date and its source are quoted wherever they are used.
 */
public record MoneyData(List<Rate> rates, List<Gdp> gdp) {
  public MoneyData {
    rates = List.copyOf(rates);
    gdp = List.copyOf(gdp);
  }

  public static MoneyData none() {
    return new MoneyData(List.of(), List.of());
  }

  /** One unit of {@code from} is {@code rate} units of {@code to}, on {@code date}, per {@code source}. */
  public record Rate(String from, String to, BigDecimal rate, LocalDate date, String source) {
    public String display() {
      return rate.stripTrailingZeros().toPlainString() + " " + to + " per " + from + " (" + source + ", " + date + ")";
    }
  }

  /** A state's gross domestic product in a year, at current prices. */
  public record Gdp(PartyCode party, int year, Money value, String source) {}

  /** A rate used for one conversion: the table's, or its inverse. */
  public record Conversion(BigDecimal factor, Rate rate, boolean inverse) {
    public String display() {
      return inverse ? "1 / " + rate.display() : rate.display();
    }
  }

  /** The latest rate from one currency to another dated on or before {@code day}: as stated, or its inverse. */
  public Optional<Conversion> conversion(String from, String to, LocalDate day) {
    Conversion best = null;
    for (Rate rate : rates) {
      if (rate.date().isAfter(day)) {
        continue;
      }
      boolean direct = rate.from().equals(from) && rate.to().equals(to);
      boolean inverse = rate.from().equals(to) && rate.to().equals(from);
      if ((direct || inverse) && (best == null || rate.date().isAfter(best.rate().date()))) {
        best = new Conversion(direct ? rate.rate() : BigDecimal.ONE.divide(rate.rate(), MathContext.DECIMAL64), rate, inverse);
      }
    }
    return Optional.ofNullable(best);
  }

  public Optional<Gdp> gdp(PartyCode party, int year) {
    return gdp.stream().filter(g -> g.party().equals(party) && g.year() == year).findFirst();
  }

  /** This data and another's, the other's entries first (an agreement's own figures before its compact's). */
  public MoneyData with(MoneyData first) {
    List<Rate> r = new ArrayList<>(first.rates);
    r.addAll(rates);
    List<Gdp> g = new ArrayList<>(first.gdp);
    g.addAll(gdp);
    return new MoneyData(r, g);
  }

  /** Reads {@code rates:} and {@code gdp:} from front matter. */
  static MoneyData read(MapReader front) {
    List<Rate> rates = new ArrayList<>();
    for (Node node : front.list("rates", false)) {
      front.asMap(node, "a rate").ifPresent(map -> {
        MapReader r = front.section().reader(map, "a rate");
        Optional<String> from = currency(r, "from");
        Optional<String> to = currency(r, "to");
        Optional<BigDecimal> rate = r.node("rate", true).flatMap(n -> r.positiveDecimal(n, "rate"));
        Optional<LocalDate> date = r.date("date", true);
        Optional<String> source = r.text("source", true);
        r.finish(null);
        if (from.isPresent() && from.equals(to)) {
          r.error(map, "a rate from " + from.get() + " to itself", "give two different currencies");
          return;
        }
        if (from.isPresent() && to.isPresent() && rate.isPresent() && date.isPresent() && source.isPresent()) {
          rates.add(new Rate(from.get(), to.get(), rate.get(), date.get(), source.get()));
        }
      });
    }
    List<Gdp> gdp = new ArrayList<>();
    for (Node node : front.list("gdp", false)) {
      front.asMap(node, "a GDP figure").ifPresent(map -> {
        MapReader g = front.section().reader(map, "a GDP figure");
        Optional<PartyCode> party = g.party("party", true);
        Optional<Integer> year = g.integer("year", true, 1900, 2200);
        Optional<Money> value = g.node("value", true).flatMap(n -> g.money(n, "value"));
        Optional<String> source = g.text("source", true);
        g.finish(null);
        if (party.isPresent() && year.isPresent() && gdp.stream().anyMatch(x -> x.party().equals(party.get()) && x.year() == year.get())) {
          g.error(map, "GDP of " + party.get() + " in " + year.get() + " is given twice", "keep one figure per state and year");
          return;
        }
        if (party.isPresent() && year.isPresent() && value.isPresent() && source.isPresent()) {
          gdp.add(new Gdp(party.get(), year.get(), value.get(), source.get()));
        }
      });
    }
    return new MoneyData(rates, gdp);
  }

  private static Optional<String> currency(MapReader reader, String key) {
    return reader.text(key, true).filter(c -> {
      if (c.matches("[A-Z]{3}")) {
        return true;
      }
      reader.error(reader.node(key, false).orElseThrow(), "'" + c + "' is not an ISO 4217 currency code", "use three capital letters, e.g. EUR");
      return false;
    });
  }
}
