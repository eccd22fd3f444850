package dev.compact.web;

import dev.compact.sanctions.Country;
import dev.compact.sanctions.PartialDate;
import dev.compact.screening.Hit;
import dev.compact.screening.NameKind;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screening.Thresholds;
import dev.compact.screeningservice.ScreeningService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Screening: a name (with optional type, date of birth and country) against the bundled demo lists
 * (OFAC SDN 2021 and UN, old snapshots), each hit with its explanation, through the same screener
 * as the API's, built on the first search.
 */
@Controller
class ScreeningController {
  private final ScreeningService screening;
  private final dev.compact.sanctionsregister.PackageRegister packages;

  ScreeningController(ScreeningService screening, dev.compact.sanctionsregister.PackageRegister packages) {
    this.screening = screening;
    this.packages = packages;
  }

  record HitView(int rank, String decision, String score, String list, String id, String name, String schema, List<String> why,
      List<dev.compact.sanctionsregister.PackageRef> packages) {}

  @GetMapping("/screening")
  String screening(@RequestParam(required = false) String name, @RequestParam(required = false) String type,
      @RequestParam(required = false) String dob, @RequestParam(required = false) String country, Model model) {
    model.addAttribute("q", java.util.Map.of("name", orEmpty(name), "type", orEmpty(type), "dob", orEmpty(dob), "country", orEmpty(country)));
    model.addAttribute("alert", String.format(Locale.ROOT, "%.2f", Thresholds.ALERT));
    model.addAttribute("review", String.format(Locale.ROOT, "%.2f", Thresholds.REVIEW));
    if (name == null || name.isBlank()) {
      return "screening";
    }
    List<String> problems = new ArrayList<>();
    ScreeningQuery query = ScreeningQuery.of(name.strip());
    if (type != null && !type.isBlank()) {
      Optional<NameKind> kind = NameKind.parse(type);
      if (kind.isPresent()) {
        query = query.withKind(kind.get());
      } else {
        problems.add("unknown type '" + type + "': use person, company or vessel");
      }
    }
    if (dob != null && !dob.isBlank()) {
      Optional<PartialDate> date = PartialDate.parse(dob.strip());
      if (date.isPresent()) {
        query = query.withBirthDate(date.get());
      } else {
        problems.add("cannot read the date of birth '" + dob + "': use 1965, 1965-03 or 1965-03-24");
      }
    }
    if (country != null && !country.isBlank()) {
      Optional<Country> c = Country.fromCode(country.strip()).or(() -> Country.fromName(country.strip()));
      if (c.isPresent()) {
        query = query.withCountry(c.get());
      } else {
        problems.add("unknown country '" + country + "': use an ISO code such as RU");
      }
    }
    problems.addAll(query.problems());
    if (!problems.isEmpty()) {
      model.addAttribute("problems", problems);
      return "screening";
    }
    Screener s = screener();
    switch (s.screen(query, 10)) {
      case ScreeningOutcome.Rejected rejected -> model.addAttribute("problems", rejected.problems());
      case ScreeningOutcome.Screened screened -> {
        List<HitView> hits = new ArrayList<>();
        int rank = 1;
        for (Hit hit : screened.hits()) {
          hits.add(new HitView(rank++, hit.decision().name(), String.format(Locale.ROOT, "%.3f", hit.score()), hit.entity().listName(),
              hit.entity().id().value(), hit.entity().primaryName().full(), hit.entity().schema().name().toLowerCase(Locale.ROOT),
              hit.explanation().describe(), dev.compact.sanctionsregister.PackageRegister.sourceOf(hit.entity().listName())
                  .map(source -> packages.refs(source, hit.entity().id().value())).orElse(List.of())));
        }
        model.addAttribute("hits", hits);
        model.addAttribute("normalised", screened.query().key());
        model.addAttribute("candidates", screened.candidates());
        model.addAttribute("lists", String.join(", ", s.index().lists().stream().map(l -> l.name() + " (" + l.shortVersion() + ")").toList()));
        model.addAttribute("entities", s.index().entityCount());
      }
    }
    return "screening";
  }

  private Screener screener() {
    return screening.screener();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
