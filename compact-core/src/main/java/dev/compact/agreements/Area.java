package dev.compact.agreements;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A named area that is not one ISO code: composed of whole subdivisions ("Crimea and Sevastopol"),
 * or bounded by a line of control at a date ("certain areas of Donetsk and Luhansk oblasts", the
 * parts of two oblasts beyond the line of 2015), or both. An incident lies in a bounded part when its
 * place is one of the subdivisions the line cuts and its reported location falls inside the polygon.
 */
public record Area(String id, String name, List<String> subdivisions, List<String> within, Optional<Line> line, String source) {
  public Area {
    subdivisions = List.copyOf(subdivisions);
    within = List.copyOf(within);
  }

  /** A point as latitude and longitude in degrees (WGS 84). */
  public record Point(double lat, double lon) {
    @Override
    public String toString() {
      return lat + ", " + lon;
    }
  }

  /** The part of {@link #within} beyond a line of control as it ran on {@code asOf}: a closed polygon of points. */
  public record Line(LocalDate asOf, List<Point> polygon) {
    public Line {
      polygon = List.copyOf(polygon);
    }

    /** Even-odd ray casting in the latitude-longitude plane: exact enough for areas of a few hundred kilometres. */
    public boolean contains(Point p) {
      boolean inside = false;
      for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
        Point a = polygon.get(i);
        Point b = polygon.get(j);
        if ((a.lat() > p.lat()) != (b.lat() > p.lat())
            && p.lon() < (b.lon() - a.lon()) * (p.lat() - a.lat()) / (b.lat() - a.lat()) + a.lon()) {
          inside = !inside;
        }
      }
      return inside;
    }
  }

  /** Whether a place (and, where the line cuts it, a location) lies in the area; UNKNOWN when the line cuts it and no location is given. */
  public enum Membership {
    IN,
    OUT,
    UNKNOWN
  }

  public Membership contains(String place, Optional<Point> location) {
    if (subdivisions.stream().anyMatch(s -> Territory.within(place, s))) {
      return Membership.IN;
    }
    if (line.isEmpty() || within.stream().noneMatch(s -> Territory.within(place, s))) {
      return Membership.OUT;
    }
    if (location.isEmpty()) {
      return Membership.UNKNOWN;
    }
    return line.get().contains(location.get()) ? Membership.IN : Membership.OUT;
  }

  /** "certain areas of Donetsk and Luhansk oblasts (line of 2015-02-18)". */
  public String display() {
    return name + line.map(l -> " (line of " + l.asOf() + ")").orElse("");
  }
}
