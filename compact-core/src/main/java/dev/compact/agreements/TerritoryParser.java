package dev.compact.agreements;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads territories (of an agreement or a clause) and the named areas a compact declares. */
final class TerritoryParser {
  private TerritoryParser() {}

  /** Most points in one line of control: enough for a line drawn settlement by settlement. */
  static final int MAX_POINTS = 10_000;

  private static final Pattern PLACE = Pattern.compile("[A-Z]{3}|[A-Z]{3}-[A-Z]{2,3}|[A-Z]{2}-[A-Z0-9]{1,3}(-[A-Z0-9]{1,8})*");

  /**
   * A territory's fields. {@code areaIds} are the areas the compact declares, or empty when the file
   * is read on its own (an area named then cannot be checked here, and is checked with the compact).
   */
  static Optional<Territory> territory(MapReader territory, Optional<Set<String>> areaIds, boolean descriptionRequired) {
    Optional<String> description = territory.text("description", descriptionRequired);
    List<String> includes = places(territory, "includes", areaIds);
    List<String> excludes = places(territory, "excludes", areaIds);
    territory.finish(null);
    if (!descriptionRequired && description.isEmpty()) {
      return Optional.of(new Territory("", includes, excludes));
    }
    return description.map(d -> new Territory(d, includes, excludes));
  }

  static List<String> places(MapReader territory, String key, Optional<Set<String>> areaIds) {
    List<String> places = new ArrayList<>();
    for (Node node : territory.list(key, false)) {
      territory.scalar(node, key).ifPresent(place -> {
        if (Ids.valid(place)) {
          if (areaIds.isPresent() && !areaIds.get().contains(place)) {
            territory.error(node, "unknown area '" + place + "'", areaIds.get().isEmpty()
                ? "declare it under 'areas' in compact.md (docs/agreement-format.md, section 13.17), or use a place code such as UA-14"
                : "areas of this compact are " + String.join(", ", areaIds.get()));
          } else {
            places.add(place);
          }
        } else if (checkedPlace(territory, node, place)) {
          places.add(place);
        }
      });
    }
    return places;
  }

  private static boolean checkedPlace(MapReader reader, Node node, String place) {
    if (!PLACE.matcher(place).matches() || (place.length() == 3 && !PartyCode.isKnown(place))) {
      reader.error(node, "'" + place + "' is not a place code",
          "use ISO 3166-1 alpha-3 (UKR), ISO 3166-2 (UA-43 for Crimea), a maritime zone (UKR-EEZ) or the id of an area in compact.md");
      return false;
    }
    if (!Places.isKnown(place)) {
      reader.error(node, "unknown place code '" + place + "'", place.startsWith("UA-")
          ? "Ukraine's ISO 3166-2 codes are " + String.join(", ", Places.UKRAINE)
          : place.length() > 3 && place.charAt(3) == '-'
              ? "maritime zones are a state's code with -TS (territorial sea), -CZ (contiguous zone) or -EEZ, e.g. UKR-EEZ"
              : "subdivisions are known for Ukraine only (UA-43, UA-14, ...); name a whole state by its alpha-3 code");
      return false;
    }
    return true;
  }

  /** The compact's named areas ({@code areas:} in compact.md). */
  static List<Area> areas(MapReader front) {
    Map<String, Area> areas = new LinkedHashMap<>();
    for (Node node : front.list("areas", false)) {
      front.asMap(node, "an area").ifPresent(map -> {
        MapReader area = front.section().reader(map, MapReader.peek(map, "id").map(i -> "area '" + i + "'").orElse("an area"));
        area(area).ifPresent(a -> {
          if (areas.containsKey(a.id())) {
            area.error(map, "area '" + a.id() + "' is declared twice", "give each area its own id");
          } else {
            areas.put(a.id(), a);
          }
        });
      });
    }
    return List.copyOf(areas.values());
  }

  private static Optional<Area> area(MapReader area) {
    Optional<String> id = area.id("id", true);
    Optional<String> name = area.text("name", true);
    Optional<String> source = area.text("source", false);
    List<String> subdivisions = new ArrayList<>();
    for (Node node : area.list("subdivisions", false)) {
      area.scalar(node, "subdivisions").filter(p -> checkedPlace(area, node, p)).ifPresent(subdivisions::add);
    }
    List<String> within = new ArrayList<>();
    for (Node node : area.list("within", false)) {
      area.scalar(node, "within").filter(p -> checkedPlace(area, node, p)).ifPresent(within::add);
    }
    Optional<Area.Line> line = area.map("line", false).flatMap(TerritoryParser::line);
    boolean lineFailed = area.has("line") && line.isEmpty();
    area.finish(null);
    if (line.isPresent() && within.isEmpty()) {
      area.error(area.node("line", false).orElseThrow(), "a line of control needs the subdivisions it cuts",
          "add 'within: [UA-14, UA-09]': an incident there is placed by its location; elsewhere it is outside the area");
      return Optional.empty();
    }
    if (subdivisions.isEmpty() && line.isEmpty() && !lineFailed) {
      area.error(area.mapping(), area.what() + " has neither 'subdivisions' nor a 'line'",
          "compose it of whole subdivisions ('subdivisions: [UA-43, UA-40]') or bound it by a line of control at a date ('line: {as-of: ..., polygon: ...}')");
      return Optional.empty();
    }
    if (source.isEmpty() && area.has("line") && !lineFailed) {
      area.error(area.node("line", false).orElseThrow(), "a line of control needs its source",
          "add 'source:' naming the map or text the line is drawn from and its date, e.g. the Minsk memorandum of 19 September 2014");
      return Optional.empty();
    }
    if (id.isEmpty() || name.isEmpty() || lineFailed) {
      return Optional.empty();
    }
    return Optional.of(new Area(id.get(), name.get(), subdivisions, within, line, source.orElse("")));
  }

  private static Optional<Area.Line> line(MapReader line) {
    Optional<LocalDate> asOf = line.date("as-of", true);
    List<Area.Point> polygon = new ArrayList<>();
    List<Node> nodes = line.list("polygon", true);
    boolean failed = false;
    if (nodes.size() > MAX_POINTS) {
      line.error(line.node("polygon", false).orElseThrow(), "a polygon of more than " + MAX_POINTS + " points", "simplify the line");
      return Optional.empty();
    }
    for (Node node : nodes) {
      Optional<Area.Point> point = point(line, node);
      if (point.isEmpty()) {
        failed = true;
      } else {
        polygon.add(point.get());
      }
    }
    line.finish(null);
    if (!failed && !nodes.isEmpty() && polygon.size() < 3) {
      line.error(line.node("polygon", false).orElseThrow(), "a polygon needs at least three points", "list the corners as [latitude, longitude]");
      return Optional.empty();
    }
    if (failed || asOf.isEmpty() || polygon.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Area.Line(asOf.get(), polygon));
  }

  private static Optional<Area.Point> point(MapReader reader, Node node) {
    if (node instanceof SequenceNode pair && pair.getValue().size() == 2) {
      Optional<Double> lat = degrees(reader, pair.getValue().get(0), 90);
      Optional<Double> lon = degrees(reader, pair.getValue().get(1), 180);
      return lat.flatMap(a -> lon.map(o -> new Area.Point(a, o)));
    }
    reader.error(node, "a point is [latitude, longitude] in degrees", "e.g. [48.02, 37.80] for Donetsk");
    return Optional.empty();
  }

  private static Optional<Double> degrees(MapReader reader, Node node, int limit) {
    Optional<String> text = reader.scalar(node, "polygon");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (text.get().length() > 20) {
        throw new NumberFormatException();
      }
      double value = Double.parseDouble(text.get());
      if (!Double.isFinite(value) || Math.abs(value) > limit) {
        throw new NumberFormatException();
      }
      return Optional.of(value);
    } catch (NumberFormatException e) {
      reader.error(node, "'" + text.get() + "' is not a " + (limit == 90 ? "latitude" : "longitude"),
          "degrees from -" + limit + " to " + limit + ", latitude first: [48.02, 37.80]");
      return Optional.empty();
    }
  }
}
