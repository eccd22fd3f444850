package dev.compact.service;

import dev.compact.agreements.Classification;
import dev.compact.agreements.Keywords;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.store.NewEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What a write may contain and how it is stored: checks its events against the actor's roles,
 * clearance and standing, marks their classification, encodes them, and picks the stream. Under the
 * record service's lock (the classification policy it reads is folded from the log).
 */
final class WritePolicy {
  private final Engine engine;
  private final ClassificationPolicy levels;
  /** The engine's state as folded from the log: whose each record is, and what it holds. */
  private final EngineProjection projection;
  private final EventCodec codec;

  WritePolicy(Engine engine, ClassificationPolicy levels, EngineProjection projection, EventCodec codec) {
    this.engine = engine;
    this.levels = levels;
    this.projection = projection;
    this.codec = codec;
  }

  /** The events of one write, checked for the actor and marked with their classification. */
  record Prepared(List<Event> events, List<NewEvent> encoded, boolean classified, Classification highestLevel) {}

  /**
   * Checks a write's events against the actor's roles, clearance and standing and the classification
   * of what they are about, and encodes them. Refusals write nothing.
   */
  Prepared prepare(List<Event> events, dev.compact.access.Actor actor, Classification classification) {
    return prepare(events, actor, classification, true);
  }

  /**
   * The same; with {@code amending} false, without the checks of what the write does to records on file
   * ({@link #amends}): a retry carrying the first attempt's Idempotency-Key is answered with what it recorded, and
   * is not refused for the record that first attempt made.
   */
  Prepared prepare(List<Event> events, dev.compact.access.Actor actor, Classification classification, boolean amending) {
    dev.compact.access.Clearance clearance = dev.compact.access.Clearance.of(actor);
    if (!actor.system()) {
      if (!clearance.visible().contains(Keywords.of(classification))) {
        throw new dev.compact.access.Forbidden(actor.name() + ": may classify records up to " + Keywords.of(clearance) + ", not "
            + Keywords.of(classification));
      }
      for (Event event : events) {
        authorize(actor, dev.compact.access.Permissions.check(actor.roles(), event));
        authorize(actor, dev.compact.access.Permissions.standing(engine.compact(), event));
        authorize(actor, dev.compact.access.Permissions.decision(actor.roles(), engine.compact(), event));
        dev.compact.access.Permissions.unsignable(engine.compact(), event).ifPresent(reason -> {
          throw new InvalidInput(reason + "; nothing was recorded", List.of());
        });
      }
    }
    ClassificationPolicy.Marks marks = levels.mark(events, clearance, classification);
    // After the marks: a record the actor may not see was refused above as if it did not exist, and
    // what follows would tell what it holds.
    for (Event event : events) {
      if (amending && !actor.system()) {
        amends(actor, event);
      }
    }
    List<NewEvent> encoded = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      EventCodec.Encoded e = codec.encode(events.get(i), marks.marks().get(i));
      // Who may read each event, as its leaf in the transparency log records it (docs/transparency.md).
      encoded.add(new NewEvent(e.type(), e.payload(), events.get(i).occurredAt(), actor.name(), Keywords.of(marks.leafLevels().get(i))));
    }
    return new Prepared(events, encoded, marks.classified(), marks.highest());
  }

  /**
   * The refusal's reason as this writer may read it. A reason that names a duty above the writer's clearance (one that
   * arose from a secret consultation, or under a secret clause) would tell a desk the id and deadline of a record it
   * may not see: that reason is replaced by one that says only that such a duty stands in the way.
   */
  private String shown(dev.compact.engine.Admission.Refusal refusal, dev.compact.access.Actor actor) {
    dev.compact.access.Clearance clearance = dev.compact.access.Clearance.of(actor);
    for (String key : refusal.concerns()) {
      Classification level = projection.instance(key).map(levels::of).orElse(Classification.PUBLIC);
      if (!clearance.visible().contains(Keywords.of(level))) {
        return "a duty your clearance does not show stands in the way of this write (the engine's rules in docs/engine.md, \"What a"
            + " new write may record\"); the secretariat can say which";
      }
    }
    return refusal.reason();
  }

  /**
   * Refuses a write that would change a record on file otherwise than as an amendment by its owner: a measure under
   * an id its consultation already decided (422, naming the measure and whom it binds); support counted against
   * another party's measure (403); terms for
   * a package from anyone but the desk of its recorded issuer or the secretariat (403), and terms that name
   * another issuer (422: the issuer is what the act is, so other terms are another package, whoever sends them).
   */
  private void amends(dev.compact.access.Actor actor, Event event) {
    // What the engine's state decides (a verdict already given, a running duty, a consent or a breach on file): the
    // secretariat writes as the parties' recorder, a desk as its own party (docs/engine.md, "Who may act").
    dev.compact.engine.Admission.Writer writer = actor.roles().contains(new dev.compact.access.Role.Secretariat())
        ? dev.compact.engine.Admission.Writer.RECORDER : dev.compact.engine.Admission.Writer.PARTY;
    projection.admit(event, writer).ifPresent(refusal -> {
      String reason = shown(refusal, actor);
      if (refusal.forbidden()) {
        throw new dev.compact.access.Forbidden(actor.name() + ": " + reason);
      }
      throw new InvalidInput(reason + "; nothing was recorded", List.of());
    });
    if (event instanceof Event.MeasuresDecided e) {
      // The engine keys measures by consultation and id and ignores a second decision under a taken id: acknowledged,
      // it would create no duty for its obligor and let one desk drop another's measure by taking its id first.
      for (Event.Measure measure : e.measures()) {
        projection.measure(e.consultation(), measure.id()).ifPresent(decided -> {
          throw new InvalidInput("measure " + measure.id() + " of consultation " + e.consultation() + " was already decided, for "
              + decided.id().obligor() + " (" + decided.action() + "); a second decision under that id would be ignored: give your"
              + " measure another id; nothing was recorded", List.of());
        });
      }
    }
    if (event instanceof Event.SupportEvent e && e.countsAgainst().orElse(null) instanceof Event.Target.Measure target) {
      // The engine counts support against a measure only from the measure's obligor and notes the rest: acknowledged,
      // the ledger would show one party's delivery "against" another's measure that it never counted for.
      projection.measure(target.consultation(), target.measure()).filter(decided -> !decided.id().obligor().equals(e.guarantor()))
          .ifPresent(decided -> {
            throw new dev.compact.access.Forbidden("measure " + target + " binds " + decided.id().obligor() + "; support by " + e.guarantor()
                + " cannot count against it (count it against a measure or clause of " + e.guarantor() + "'s own, or against none);"
                + " nothing was recorded");
          });
    }
    if (event instanceof Event.DesignationLifted || event instanceof Event.DesignationReimposed) {
      Event.SanctionsEvent e = (Event.SanctionsEvent) event;
      authorize(actor, dev.compact.access.Permissions.designationAct(e, projection.owners().issuer(e.sanctionsPackage()),
          projection.owners().adopted(e.sanctionsPackage(), e.by())));
    }
    if (event instanceof Event.SanctionsPackageRecorded e) {
      java.util.Optional<dev.compact.agreements.PartyCode> issuer = projection.owners().issuer(e.sanctionsPackage());
      authorize(actor, dev.compact.access.Permissions.amendment(actor.roles(), event, issuer));
      if (issuer.isPresent() && !issuer.get().equals(e.by())) {
        throw new InvalidInput(e.sanctionsPackage() + " was issued by " + issuer.get() + "; terms naming " + e.by()
            + " as issuer would be another package, not an amendment: record them under an id of their own; nothing was recorded",
            List.of());
      }
    }
  }

  /**
   * The stream a write goes to. A guarantor's support entries of different classifications go to
   * different streams ({@code support-GBR}, {@code support-GBR~restricted}, {@code support-GBR~secret}),
   * and so do a party's acts that name a classified record ({@code party-GBR~restricted}): a stream's
   * version is shown to those who write to it, and in one shared stream it would jump over the
   * entries the writer may not see, counting them. Other streams hold one classification.
   */
  static String streamFor(String streamId, Prepared prepared) {
    if (!streamId.startsWith("support-") && !streamId.startsWith("party-")) {
      return streamId;
    }
    Classification level = prepared.highestLevel();
    String base = streamId.contains("~") ? streamId.substring(0, streamId.indexOf('~')) : streamId;
    return level == Classification.PUBLIC ? base : base + "~" + Keywords.of(level);
  }

  /** Throws {@link dev.compact.access.Forbidden} when the verdict denies a non-system actor. */
  static void authorize(dev.compact.access.Actor actor, dev.compact.access.Permissions.Verdict verdict) {
    if (!actor.system() && !verdict.allowed()) {
      throw new dev.compact.access.Forbidden(actor.name() + ": " + verdict.reason());
    }
  }

  /** The stream an event belongs to: one per incident, consultation, agreement, guarantor's support, package. */
  public static String streamOf(Event event) {
    return switch (event) {
      case Event.IncidentEvent e -> "incident-" + e.incident().value();
      case Event.ConsultationEvent e -> "consultation-" + e.consultation().value();
      case Event.SupportEvent e -> "support-" + e.guarantor().value();
      case Event.SanctionsEvent e -> "sanctions-" + e.sanctionsPackage();
      case Event.PartyStatusChanged e -> "party-" + e.party().value();
      case Event.Signed e -> "agreement-" + e.agreement().value();
      case Event.Ratified e -> "agreement-" + e.agreement().value();
      case Event.EnteredIntoForce e -> "agreement-" + e.agreement().value();
      case Event.Suspended e -> "agreement-" + e.agreement().value();
      case Event.Resumed e -> "agreement-" + e.agreement().value();
      case Event.TerminationNoticeGiven e -> "agreement-" + e.agreement().value();
      case Event.ActEvent e -> "party-" + e.by().value();
      case Event.TimeAdvanced e -> "clock";
    };
  }
}
