package dev.compact.notify;

import dev.compact.service.RecordService;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes each norm transition to every open server-sent-events stream, as soon as its append has
 * committed. A client that falls away is dropped; it reconnects and reads the history it missed.
 */
@Component
public class TransitionHub {
  private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

  public TransitionHub(RecordService record) {
    record.onChanges(this::publish);
  }

  /**
   * Streams are endless requests; graceful shutdown would wait for them. They are closed first, and
   * clients reconnect to another instance or after the restart.
   */
  @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
  public void closeStreams() {
    for (SseEmitter emitter : emitters) {
      emitter.complete();
    }
    emitters.clear();
  }

  public SseEmitter subscribe() {
    SseEmitter emitter = new SseEmitter(0L);
    emitters.add(emitter);
    emitter.onCompletion(() -> emitters.remove(emitter));
    emitter.onTimeout(() -> emitters.remove(emitter));
    emitter.onError(e -> emitters.remove(emitter));
    try {
      // A first comment opens the stream at once, so a client knows it is connected before any transition.
      emitter.send(SseEmitter.event().comment("connected"));
    } catch (IOException | IllegalStateException e) {
      emitters.remove(emitter);
    }
    return emitter;
  }

  void publish(List<RecordService.Change> changes) {
    for (RecordService.Change change : changes) {
      if (!change.isPublic()) {
        continue; // the stream is open to anyone: it carries public transitions only
      }
      // Without the log's sequence number: its gaps would count the classified events in between.
      Map<String, Object> data = new java.util.LinkedHashMap<>(view(change));
      data.remove("seq");
      String id = change.transition().at() + "-" + change.transition().instance().key() + "-" + change.transition().to().keyword();
      for (SseEmitter emitter : emitters) {
        try {
          emitter.send(SseEmitter.event().name("transition").id(id).data(data));
        } catch (IOException | IllegalStateException e) {
          emitters.remove(emitter);
        }
      }
    }
  }

  /** One transition as JSON: what changed, when, why, and where the instance stands now. */
  public static Map<String, Object> view(RecordService.Change change) {
    var t = change.transition();
    return Map.of(
        "seq", change.storeSeq(),
        "instance", t.instance().key(),
        "obligor", t.instance().obligor().value(),
        "agreement", t.instance().agreement(),
        "at", t.at().toString(),
        "from", t.from().map(s -> s.keyword()).orElse("new"),
        "to", t.to().keyword(),
        "cause", change.cause(),
        "due", change.instance() == null ? "" : change.instance().due().map(Object::toString).orElse(""));
  }
}
