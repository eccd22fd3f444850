package dev.compact.service;

import dev.compact.access.Clearance;
import dev.compact.agreements.Classification;
import dev.compact.agreements.Compact;
import dev.compact.agreements.Keywords;
import dev.compact.engine.Event;
import dev.compact.engine.NormInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How classified each record, event and norm instance is, and what a write's events are marked
 * with. A clause has the level its agreement gives it; an incident or consultation has the level it
 * was recorded with (folded from the log); whatever arises from a record is at least as classified
 * as the record. Not thread-safe: the record service uses it under its lock.
 */
final class ClassificationPolicy {
  /** agreement/clause -> the clause's classification, for the instances the engine creates. */
  private final Map<String, Classification> clauseLevels = new HashMap<>();
  /** incident/ID and consultation/ID -> the classification the record was made with. */
  private final Map<String, Classification> recordLevels = new HashMap<>();

  ClassificationPolicy(Compact compact) {
    for (var agreement : compact.allAgreements()) {
      for (var clause : agreement.clauses()) {
        clauseLevels.put(agreement.id().value() + "/" + clause.id().value(), clause.classification());
      }
    }
  }

  /** Forgets the records' levels, before the log is folded again from the start. */
  void forget() {
    recordLevels.clear();
  }

  /** The events that make a record, and so carry their own mark. */
  static boolean marked(Event event) {
    return event instanceof Event.IncidentReported || event instanceof Event.ConsultationRequested || event instanceof Event.SupportEvent;
  }

  /** What a write's events are marked with, who may read each (its transparency-log leaf level), and the most classified of those. */
  record Marks(List<Classification> marks, List<Classification> leafLevels, boolean classified, Classification highest) {}

  /**
   * Marks a write's events. A record made about a classified one is classified with it; an event
   * about a record the writer may not see is refused as if the record did not exist ({@link NotFound}).
   */
  Marks mark(List<Event> events, Clearance clearance, Classification classification) {
    if (classification != Classification.PUBLIC) {
      for (Event event : events) {
        if (!marked(event)) {
          throw new InvalidInput("only incidents, consultations, allocations and deliveries are classified; a "
              + EventCodec.kebab(event.getClass().getSimpleName()) + " event takes the classification of what it is about", List.of());
        }
      }
    }
    List<Classification> marks = new ArrayList<>();
    List<Classification> leafLevels = new ArrayList<>();
    boolean classified = false;
    for (Event event : events) {
      Classification level = classification;
      Classification about = Classification.PUBLIC;
      for (String subject : subjects(event)) {
        Classification of = of(subject);
        if (!clearance.visible().contains(Keywords.of(of))) {
          // As if it did not exist: a refusal that named the record would confirm it.
          String[] parts = subject.split("/", 2);
          throw new NotFound("no " + parts[0] + " '" + parts[1] + "'");
        }
        classified |= of != Classification.PUBLIC;
        about = max(about, of);
      }
      if (marked(event)) {
        // A consultation on a restricted incident, a delivery counted against a restricted clause or measure.
        level = max(level, about);
      }
      classified |= level != Classification.PUBLIC;
      marks.add(marked(event) ? level : Classification.PUBLIC);
      leafLevels.add(marked(event) ? level : about);
    }
    return new Marks(marks, leafLevels, classified, leafLevels.stream().reduce(Classification.PUBLIC, ClassificationPolicy::max));
  }

  /** Notes the level of the record a report or request makes (as folded from the log); returns the event's own level. */
  Classification remember(Event event, Classification marked) {
    switch (event) {
      case Event.IncidentReported e -> recordLevels.put("incident/" + e.incident().value(), marked);
      case Event.ConsultationRequested e -> recordLevels.put("consultation/" + e.consultation().value(), marked);
      default -> { }
    }
    return about(event, marked);
  }

  /** An event's level: its mark, or the record it is about if that is more classified. */
  Classification about(Event event, Classification marked) {
    Classification level = marked;
    for (String subject : subjects(event)) {
      level = max(level, of(subject));
    }
    return level;
  }

  /**
   * How classified an instance is: as its clause, or as the incident or consultation it arose from
   * if that is more (a duty to answer a secret incident is itself secret).
   */
  Classification of(NormInstance instance) {
    Classification level = clauseLevels.getOrDefault(instance.id().agreement() + "/" + instance.id().clause(), Classification.PUBLIC);
    String context = instance.id().context();
    if (!context.isEmpty()) {
      level = max(level, max(of("incident/" + context), of("consultation/" + context)));
    }
    return level;
  }

  /** The classification of a record (incident/ID, consultation/ID) or of a clause (clause/AGREEMENT/CLAUSE). */
  Classification of(String subject) {
    if (subject.startsWith("clause/")) {
      return clauseLevels.getOrDefault(subject.substring("clause/".length()), Classification.PUBLIC);
    }
    return recordLevels.getOrDefault(subject, Classification.PUBLIC);
  }

  /**
   * Why a write is refused as a write-down (a {@code level}-classified event would change the
   * less classified obligation {@code key}), and what its writer can do instead: an act or a record
   * about another record takes that record's classification, which its writer cannot choose or lower,
   * so the way out depends on the event.
   */
  String writeDown(Event event, Classification level, String key, Classification obligation) {
    String type = EventCodec.kebab(event.getClass().getSimpleName());
    String named = subjects(event).stream().filter(subject -> of(subject) == level).findFirst().map(ClassificationPolicy::describe).orElse(null);
    String why = "this " + type + " is " + Keywords.of(level) + (named == null ? "" : " (it names " + named + ", which is " + Keywords.of(level) + ")")
        + " but would change " + key + ", which is " + Keywords.of(obligation) + ": readers of that obligation would learn of it. ";
    String what = switch (event) {
      case Event.SnapbackInvoked e -> "Invoke snapback without naming the incident (leave out \"incident\"): the act is then "
          + Keywords.of(obligation) + " and names nothing classified.";
      case Event.ConsultationRequested e when named != null -> "Request the consultations without naming the incident (leave out"
          + " \"incident\") if they may be known as widely as that obligation; otherwise they cannot be recorded while it stands.";
      case Event.SupportEvent e when named != null -> "Count it against a clause or measure no more classified than the entry may be"
          + " known, or give none (\"countsAgainst\" left out).";
      case Event.SupportEvent e -> "Send it with \"classification\": \"" + Keywords.of(obligation) + "\" if it may be known as widely as that"
          + " obligation, or count it against a clause or measure that is " + Keywords.of(level) + " too.";
      case Event.IncidentReported e -> "Report it with \"classification\": \"" + Keywords.of(obligation) + "\" if it may be known as widely"
          + " as that obligation.";
      case Event.ConsultationRequested e -> "Request them with \"classification\": \"" + Keywords.of(obligation) + "\" if they may be known"
          + " as widely as that obligation.";
      // Verifying, meeting, deciding and a condition met take the level of what they are about, which nobody lowers.
      default -> "It takes the classification of " + (named == null ? "what it is about" : named) + ", which nobody can lower, so it"
          + " cannot be recorded while it would change that obligation: ask the secretariat, which decides what may be known.";
    };
    return why + what;
  }

  /** A subject as a sentence names it: incident 'ID', consultation 'ID', clause 'CLAUSE' of AGREEMENT. */
  private static String describe(String subject) {
    String[] parts = subject.split("/", 3);
    return parts[0].equals("clause") ? "clause '" + parts[2] + "' of " + parts[1] : parts[0] + " '" + parts[1] + "'";
  }

  /** What an event is about, for the records it names: incident/ID, consultation/ID, clause/AGREEMENT/CLAUSE. */
  static List<String> subjects(Event event) {
    return switch (event) {
      // The record an event creates is not among them: asking whether its id is free must not tell a
      // desk that a secret record holds it (the append's version check answers 409 for everyone).
      case Event.IncidentReported e -> List.of();
      case Event.ConsultationRequested e -> e.incident().stream().map(i -> "incident/" + i.value()).toList();
      case Event.IncidentEvent e -> List.of("incident/" + e.incident().value());
      case Event.ConsultationEvent e -> List.of("consultation/" + e.consultation().value());
      // Public acts that name a classified record would carry its id to the public (the export, a cause).
      case Event.SnapbackInvoked e -> e.incident().stream().map(i -> "incident/" + i.value()).toList();
      case Event.PreconditionMet e -> List.of("clause/" + e.commitment().agreement().value() + "/" + e.commitment().clause().value());
      case Event.SupportEvent e -> e.countsAgainst().stream().map(t -> switch (t) {
        case Event.Target.Measure m -> "consultation/" + m.consultation().value();
        case Event.Target.Clause c -> "clause/" + c.agreement().value() + "/" + c.clause().value();
      }).toList();
      default -> List.of();
    };
  }

  static Classification max(Classification a, Classification b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
