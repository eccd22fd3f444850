package dev.compact.service;

import dev.compact.access.Actor;
import dev.compact.access.CommandAuthorization;
import dev.compact.access.Forbidden;
import dev.compact.agreements.Classification;
import dev.compact.commands.Command;
import dev.compact.commands.Decider;
import dev.compact.engine.Event;
import dev.compact.store.StoredEvent;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The one way a client's request becomes events on the record, for the API and the dashboard's forms
 * alike: it names the command's stream, makes a new record's stream start empty, lets the core's
 * {@link Decider} build the events at the time the record takes them, and hands them to the record
 * service, which checks permissions, classification, idempotency and the expected version under its
 * lock. A refusal writes nothing.
 *
 * <p>Method security: before anything else, the handler asks an {@link AuthorizationManager} whether
 * the caller Spring Security authenticated on this thread may give the command at all
 * ({@link CommandAuthorization}), so that a caller that forgets the web layer's checks, or passes an
 * actor that is not the authenticated account, is refused here.
 */
public final class CommandHandler {
  private final RecordService record;
  private final AuthorizationManager<CommandAuthorization.Attempt> authorization;

  public CommandHandler(RecordService record) {
    this(record, new CommandAuthorization());
  }

  public CommandHandler(RecordService record, AuthorizationManager<CommandAuthorization.Attempt> authorization) {
    this.record = record;
    this.authorization = authorization;
  }

  /**
   * Records what {@code command} decides, as {@code actor}. {@code expectedVersion} is the version
   * the client saw (If-Match); without it, a command that creates a record expects its stream empty
   * and any other applies to the stream as it stands.
   */
  public List<StoredEvent> handle(Command command, Actor actor, Optional<Long> expectedVersion, Optional<String> idempotencyKey,
      Classification classification) {
    authorize(command, actor);
    return record.record(stream(command), expectedVersion.or(() -> creates(command) ? Optional.of(0L) : Optional.empty()),
        now -> switch (Decider.decide(command, now)) {
          case Decider.Decision.Accepted accepted -> accepted.events();
          case Decider.Decision.Refused refused -> throw new IllegalArgumentException(refused.reason());
        }, idempotencyKey, actor, classification);
  }

  /** Refuses, with a {@link Forbidden} and before anything is written, a command the authenticated caller may not give. */
  private void authorize(Command command, Actor actor) {
    AuthorizationResult result = authorization.authorize(() -> SecurityContextHolder.getContext().getAuthentication(),
        new CommandAuthorization.Attempt(command, actor));
    if (result == null || !result.isGranted()) {
      throw new Forbidden(actor.name() + ": " + (result instanceof CommandAuthorization.Denied denied ? denied.reason()
          : "may not give this command"));
    }
  }

  /** The stream a command writes to: one per incident, consultation, guarantor's support, agreement, sanctions package and party. */
  public static String stream(Command command) {
    return switch (command) {
      case Command.ReportIncident c -> incident(c.incident());
      case Command.VerifyIncident c -> incident(c.incident());
      case Command.RejectIncident c -> incident(c.incident());
      case Command.RequestConsultation c -> consultation(c.consultation());
      case Command.RecordMeeting c -> consultation(c.consultation());
      case Command.DecideMeasures c -> consultation(c.consultation());
      case Command.RecordSupport c -> "support-" + c.guarantor().value();
      case Command.ActOnAgreement c -> "agreement-" + c.agreement().value();
      case Command.ActOnSanctions c -> "sanctions-" + c.sanctionsPackage();
      case Command.RecordPackage c -> "sanctions-" + c.sanctionsPackage();
      case Command.BlockSanctions c -> "sanctions-" + c.sanctionsPackage();
      case Command.ActOnDesignation c -> "sanctions-" + c.sanctionsPackage();
      // A party's acts and standing: the streams these events have always gone to (WritePolicy.streamOf).
      case Command.MeetCondition c -> party(c.by());
      case Command.ExtendAgreement c -> party(c.by());
      case Command.InvokeSnapback c -> party(c.by());
      case Command.RecordCompensation c -> party(c.by());
      case Command.ChangePartyStatus c -> party(c.party());
      case Command.ReportAct c -> party(c.by());
    };
  }

  /** True for the commands that make a new record, whose id must be free. */
  public static boolean creates(Command command) {
    return command instanceof Command.ReportIncident || command instanceof Command.RequestConsultation;
  }

  private static String party(dev.compact.agreements.PartyCode party) {
    return "party-" + party.value();
  }

  private static String incident(Event.IncidentId id) {
    return "incident-" + id.value();
  }

  private static String consultation(Event.ConsultationId id) {
    return "consultation-" + id.value();
  }
}
