package dev.compact.api;

import dev.compact.agreements.Keywords;
import dev.compact.agreements.Norm;
import dev.compact.commands.Command;
import dev.compact.engine.State;
import dev.compact.service.Fields;
import dev.compact.text.Shown;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The list routes' query filters, checked before the query: a filter with a value no row can have
 * ({@code state=breeched}) is a 400 naming the allowed values, never an empty list that a client would
 * read as "none". Blank means not given, as in the dashboard's forms. An agreement id is checked against
 * the agreements this reader may see, the same ones {@code GET /api/agreements/{id}} answers for: an id
 * the reader may not see and an id that does not exist get the same 400, so the refusal tells nothing
 * that route does not.
 */
final class Filters {
  /** The kinds of norm instance a row can have: the clauses' four, and the measures decided at consultations. */
  static final List<String> NORM_KINDS = Stream.concat(Arrays.stream(Norm.NormKind.values()).map(Keywords::of), Stream.of("measure")).toList();

  private Filters() {}

  static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  static @Nullable String party(@Nullable String value, String field) {
    return blankToNull(value) == null ? null : Fields.party(value, field).value();
  }

  static @Nullable String state(@Nullable String value) {
    return blankToNull(value) == null ? null : Keywords.of(Fields.keyword(State.class, value, "state"));
  }

  static @Nullable String supportKind(@Nullable String value) {
    return blankToNull(value) == null ? null : Keywords.of(Fields.keyword(Command.SupportKind.class, value, "kind"));
  }

  static @Nullable String agreement(@Nullable String value, dev.compact.service.CompactCatalog catalog,
      dev.compact.access.Clearance clearance) {
    if (blankToNull(value) == null) {
      return null;
    }
    boolean known = catalog.compact(clearance).allAgreements().stream().anyMatch(a -> a.id().value().equals(value));
    if (!known) {
      throw new IllegalArgumentException("'agreement': no agreement '" + Shown.value(value) + "' in this compact (GET /api/agreements lists them)");
    }
    return value;
  }

  static List<String> normKinds(@Nullable String value) {
    if (blankToNull(value) == null) {
      return List.of();
    }
    if (!NORM_KINDS.contains(value)) {
      throw new IllegalArgumentException("'kind' must be one of " + String.join(", ", NORM_KINDS) + ", not '" + Shown.value(value) + "'");
    }
    return List.of(value);
  }
}
