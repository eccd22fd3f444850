package dev.compact.notify;

import dev.compact.service.RecordService;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes each norm transition to every open server-sent-events stream, as soon as its append has
 * committed. A write never waits for a reader: each stream has its own bounded buffer, drained by its
 * own (virtual) thread, and a reader that falls {@value #BUFFER} transitions behind, because it stopped
 * reading or reads too slowly, is dropped and its stream ended; it reconnects and reads the history it
 * missed.
 */
@Component
public class TransitionHub {
  private static final Logger LOG = LoggerFactory.getLogger(TransitionHub.class);
  /** Transitions buffered per reader: a burst of writes fits, a reader that stopped reading does not. */
  static final int BUFFER = 1_000;

  private final List<Reader> readers = new CopyOnWriteArrayList<>();

  public TransitionHub(RecordService record) {
    record.onChanges(this::publish);
  }

  /** One open stream: its buffer and the thread that writes it out. */
  private final class Reader {
    final SseEmitter emitter = new SseEmitter(0L);
    final BlockingQueue<SseEmitter.SseEventBuilder> buffer = new ArrayBlockingQueue<>(BUFFER);
    volatile boolean open = true;
    volatile Thread sender;

    void drain() {
      try {
        while (open) {
          emitter.send(buffer.take());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | IllegalStateException e) {
        // The client went away or the stream was ended: nothing more to send.
      } finally {
        drop(this);
      }
    }
  }

  /**
   * Streams are endless requests; graceful shutdown would wait for them. They are closed first, and
   * clients reconnect to another instance or after the restart.
   */
  @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
  public void closeStreams() {
    for (Reader reader : readers) {
      drop(reader);
    }
  }

  public SseEmitter subscribe() {
    Reader reader = new Reader();
    readers.add(reader);
    reader.emitter.onCompletion(() -> drop(reader));
    reader.emitter.onTimeout(() -> drop(reader));
    reader.emitter.onError(e -> drop(reader));
    // A first comment opens the stream at once, so a client knows it is connected before any transition.
    reader.buffer.add(SseEmitter.event().comment("connected"));
    reader.sender = Thread.ofVirtual().name("sse-reader").start(reader::drain);
    return reader.emitter;
  }

  /** How many streams are open (for tests and metrics). */
  public int readers() {
    return readers.size();
  }

  /**
   * Ends a stream. Completing it may wait for a write the stalled client never lets finish, so it is
   * done on a thread of its own, never on the thread of the write that found the buffer full.
   */
  private void drop(Reader reader) {
    if (!readers.remove(reader)) {
      return;
    }
    reader.open = false;
    Thread sender = reader.sender;
    if (sender != null && sender != Thread.currentThread()) {
      sender.interrupt(); // wakes it if it waits for the next transition
    }
    Thread.ofVirtual().name("sse-close").start(() -> {
      try {
        reader.emitter.complete();
      } catch (RuntimeException e) {
        // Already ended.
      }
    });
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
      for (Reader reader : readers) {
        if (!reader.buffer.offer(SseEmitter.event().name("transition").id(id).data(data))) {
          LOG.info("an event-stream reader fell {} transitions behind; its stream is ended", BUFFER);
          drop(reader);
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
        // The cause as the record describes it (events named by time): a position in the fold counts hidden events.
        "cause", change.cause(),
        "due", change.instance() == null ? "" : change.instance().due().map(Object::toString).orElse(""));
  }
}
