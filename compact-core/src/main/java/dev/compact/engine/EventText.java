package dev.compact.engine;

import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.PartyCode;
import java.util.List;
import java.util.stream.Collectors;

/** Events in plain English, for explanations and reports. */
public final class EventText {
  private EventText() {}

  public static String describe(Event event) {
    return switch (event) {
      case Event.Signed e -> e.party() + " signed " + e.agreement();
      case Event.Ratified e -> e.party() + " ratified " + e.agreement();
      case Event.EnteredIntoForce e -> e.agreement() + " entered into force";
      case Event.Suspended e -> e.by() + " suspended " + e.agreement();
      case Event.Resumed e -> e.by() + " resumed " + e.agreement();
      case Event.TerminationNoticeGiven e -> e.by() + " gave notice of termination of " + e.agreement();
      case Event.PartyStatusChanged e ->
          e.party() + " " + (e.value() ? "is now" : "is no longer") + " " + Keywords.of(e.status()).replace('-', ' ');
      case Event.IncidentReported e ->
          e.reportedBy() + " reported incident " + e.incident() + " (" + Keywords.of(e.kind()) + " at " + e.place()
              + ", severity " + e.severity() + (e.evidence().isEmpty() ? "" : ", " + e.evidence().size() + " source"
              + (e.evidence().size() == 1 ? "" : "s")) + e.attacker().map(a -> ", attacker " + a).orElse("") + ")";
      case Event.IncidentVerified e -> e.by() + " verified incident " + e.incident();
      case Event.IncidentRejected e ->
          e.by() + " rejected incident " + e.incident() + (e.reason().isEmpty() ? "" : " (" + e.reason() + ")");
      case Event.ConsultationRequested e ->
          e.by() + " requested consultation " + e.consultation() + e.incident().map(i -> " about incident " + i).orElse("");
      case Event.ConsultationHeld e -> "consultation " + e.consultation() + " held"
          + e.level().map(l -> " at the level of " + l.who()).orElse("") + " with " + parties(e.attended());
      case Event.MeasuresDecided e ->
          "consultation " + e.consultation() + " decided " + e.measures().size() + " measure"
              + (e.measures().size() == 1 ? "" : "s")
              + (e.measures().isEmpty() ? "" : " (" + e.measures().stream().map(m -> m.id() + " for " + m.obligor())
                  .collect(Collectors.joining(", ")) + ")")
              + (e.objections().isEmpty() ? "" : ", objected by " + parties(e.objections()));
      case Event.AllocationRecorded e -> e.guarantor() + " allocated " + support(e);
      case Event.DeliveryRecorded e -> e.guarantor() + " delivered " + support(e);
      case Event.SanctionsPackageRecorded e -> e.by() + " recorded sanctions package " + e.sanctionsPackage() + " (" + e.terms().title()
          + (e.terms().legalActs().isEmpty() ? "" : ", " + String.join(", ", e.terms().legalActs())) + ")";
      case Event.SanctionsProposed e -> e.by() + " proposed sanctions package " + e.sanctionsPackage();
      case Event.SanctionsBlocked e -> e.by() + "'s adoption of sanctions package " + e.sanctionsPackage() + " was blocked by "
          + parties(e.blockedBy()) + (e.reason().isBlank() ? "" : " (" + e.reason() + ")");
      case Event.SanctionsAdopted e -> e.by() + " adopted sanctions package " + e.sanctionsPackage();
      case Event.SanctionsLifted e -> e.by() + " lifted sanctions package " + e.sanctionsPackage() + " in full";
      case Event.SanctionsEased e -> e.by() + " eased sanctions package " + e.sanctionsPackage();
      case Event.SanctionsReimposed e -> e.by() + " re-imposed sanctions package " + e.sanctionsPackage();
      case Event.DesignationLifted e -> e.by() + " lifted the designation of " + e.designation() + " under sanctions package "
          + e.sanctionsPackage() + " (an easing of the package)";
      case Event.DesignationReimposed e -> e.by() + " re-imposed the designation of " + e.designation() + " under sanctions package "
          + e.sanctionsPackage();
      case Event.ActReported e -> e.by() + " did: " + dev.compact.agreements.Keywords.of(e.act()).replace('-', ' ')
          + e.quantity().map(q -> " (" + String.format(java.util.Locale.ROOT, "%,d", q) + ")").orElse("")
          + (e.detail().isEmpty() ? "" : ", " + e.detail());
      case Event.PreconditionMet e -> e.by() + " met the condition " + dev.compact.agreements.Keywords.of(e.condition()).replace('-', ' ')
          + " of " + e.commitment();
      case Event.Extended e -> parties(e.agreedBy()) + " extended " + e.agreement() + " by " + e.years() + " years";
      case Event.CompensationRecorded e -> e.by() + " has paid " + e.paid().display() + " of " + e.assessed().display() + " of damage assessed";
      case Event.SnapbackInvoked e -> e.by() + " invoked snapback" + e.incident().map(i -> " after incident " + i).orElse("");
      case Event.TimeAdvanced e -> "time advanced to " + Timestamps.format(e.occurredAt());
    };
  }

  private static String support(Event.SupportEvent e) {
    StringBuilder text = new StringBuilder();
    e.value().ifPresent(v -> text.append(Progress.amount(v.currency(), v.value())));
    e.rate().ifPresent(r -> text.append(" at ").append(r.rate().toPlainString()).append(' ').append(r.currency()));
    if (!e.items().isEmpty()) {
      if (!text.isEmpty()) {
        text.append(" and ");
      }
      text.append(e.items().stream().map(ItemLine::display).collect(Collectors.joining(", ")));
    }
    text.append(" (").append(Keywords.of(e.category())).append(')');
    e.countsAgainst().ifPresent(t -> text.append(" against ").append(t));
    return text.toString();
  }

  private static String parties(List<PartyCode> parties) {
    return parties.isEmpty() ? "nobody" : parties.stream().map(PartyCode::value).collect(Collectors.joining(", "));
  }
}
