package dev.compact.notify;

import dev.compact.access.Clearance;
import dev.compact.access.DatabaseOutage;
import dev.compact.service.RecordService;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams norm transitions as server-sent events, read from the {@link Outbox}: every instance
 * streams every instance's writes. One poller per instance reads what was committed since it last
 * looked (at once after a write on this instance, otherwise every {@code compact.stream-poll}) and
 * hands each transition to the readers whose clearance shows it. Each event's id is the reader's
 * position at its clearance ({@link Outbox.Cursor}); a reader that reconnects with
 * {@code Last-Event-ID} first gets what it missed, from the outbox, then the live stream, with
 * nothing twice. A write never waits for a reader: each has its own bounded buffer, drained by its
 * own thread, and one that falls {@value #BUFFER} transitions behind is dropped; it reconnects.
 */
@Component
public class TransitionHub {
  private static final Logger LOG = LoggerFactory.getLogger(TransitionHub.class);
  /** Transitions buffered per reader: a burst of writes fits, a reader that stopped reading does not. */
  static final int BUFFER = 1_000;
  /** Entries read from the outbox at a time. */
  private static final int PAGE = 500;

  /** Handed to a stream's thread when no transition came within {@link #recheck}: time to ask again who the reader is. */
  private static final SseEmitter.SseEventBuilder RECHECK = SseEmitter.event().comment("recheck");

  private final Outbox outbox;
  private final Duration poll;
  private final Duration recheck;
  private final Duration retention;
  private final List<Reader> readers = new CopyOnWriteArrayList<>();
  private final Semaphore wake = new Semaphore(0);
  /** Guards {@link #position} and the start of a reader, so that a reader's backlog and live part meet exactly. */
  private final Object dispatch = new Object();
  /** The outbox entry up to which transitions have been handed to the readers. */
  private long position;
  private volatile boolean running = true;
  private final Thread poller;
  /**
   * The kinds of unexpected failure whose stack trace a stream's end has logged, by this hub: once per service, not per
   * process, so two services in one JVM (tests) each log their own.
   */
  private final Set<Class<?>> traced = ConcurrentHashMap.newKeySet();

  public TransitionHub(RecordService record, Outbox outbox, @Value("${compact.stream-poll:PT0.25S}") Duration poll,
      @Value("${compact.outbox-retention:P7D}") Duration retention, @Value("${compact.stream-recheck:PT10S}") Duration recheck) {
    if (recheck.isNegative() || recheck.isZero()) {
      throw new IllegalArgumentException("compact.stream-recheck must be positive; it is " + recheck);
    }
    this.outbox = outbox;
    this.poll = poll;
    this.recheck = recheck;
    this.retention = retention;
    this.position = outbox.head();
    record.onChanges(changes -> wake.release());
    this.poller = Thread.ofPlatform().daemon().name("compact-stream").start(this::run);
  }

  /** One open stream: its clearance, what it missed before it connected, its buffer and the thread that writes it out. */
  private final class Reader {
    final SseEmitter emitter = new SseEmitter(0L);
    final BlockingQueue<SseEmitter.SseEventBuilder> buffer = new ArrayBlockingQueue<>(BUFFER);
    final Clearance clearance;
    /** Whether whoever opened the stream is still cleared for it (its token not revoked, its account not disabled). */
    final BooleanSupplier cleared;
    /** The backlog: outbox entries after {@code from} up to {@code through}; none if from == through. */
    long from;
    long through;
    /** Entries up to this one it has already received (it resumed from a position this instance had not reached). */
    long received;
    volatile boolean open = true;
    volatile Thread sender;
    /** Sent first, when the reader resumed from before what the outbox still holds. */
    SseEmitter.SseEventBuilder reset;

    /** When the stream ends (System.nanoTime), or 0 for never. */
    final long endsAt;

    Reader(Clearance clearance, Duration lifetime, BooleanSupplier cleared) {
      this.clearance = clearance;
      this.cleared = cleared;
      this.endsAt = lifetime.isZero() ? 0 : System.nanoTime() + lifetime.toNanos();
    }

    /**
     * The next live transition; {@link #RECHECK} when none came within the recheck interval; null once
     * the stream's lifetime is over.
     */
    SseEmitter.SseEventBuilder next() throws InterruptedException {
      long wait = recheck.toNanos();
      if (endsAt != 0) {
        long left = endsAt - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        wait = Math.min(wait, left);
      }
      SseEmitter.SseEventBuilder next = buffer.poll(wait, TimeUnit.NANOSECONDS);
      return next != null ? next : endsAt != 0 && endsAt - System.nanoTime() <= 0 ? null : RECHECK;
    }

    void drain() {
      try {
        if (endsAt == 0) {
          emitter.send(SseEmitter.event().comment("connected"));
        } else {
          // A stream that ends by design names where the reader is at once: one reopened before any
          // transition came then resumes from here, and misses nothing in between. That is the later of
          // this instance's position and the one the reader resumed from: another instance may have
          // sent it transitions this one has not read yet, and naming ours would replay them.
          emitter.send(SseEmitter.event().comment("connected").id(outbox.cursorAt(clearance, Math.max(from, received)).toString()));
        }
        if (reset != null) {
          emitter.send(reset);
        }
        // What it missed, read from the outbox at its own pace: a long backlog holds up nobody else. Asked
        // again once each page is in hand, before any of it is sent: a revocation while the page was read
        // stops it (the entries predate the stream, so only this question keeps them from going out).
        boolean holds = true;
        while (open && from < through && (holds = cleared.getAsBoolean())) {
          List<Outbox.Entry> page = outbox.visibleAfter(clearance, from, through, PAGE);
          if (!page.isEmpty() && !(holds = cleared.getAsBoolean())) {
            break;
          }
          for (Outbox.Entry entry : page) {
            emitter.send(event(entry, clearance));
          }
          from = page.isEmpty() ? through : page.getLast().seq();
        }
        if (!holds) {
          emitter.send(noLongerCleared());
          return;
        }
        List<SseEmitter.SseEventBuilder> ready = new ArrayList<>();
        for (SseEmitter.SseEventBuilder next; open && (next = next()) != null; ) {
          ready.clear();
          if (next != RECHECK) {
            ready.add(next);
            buffer.drainTo(ready);
          }
          // Asked after every transition in hand was buffered: none recorded after the reader's token
          // was revoked (or its account disabled) is sent; the stream ends and a reconnect is checked anew.
          if (!cleared.getAsBoolean()) {
            emitter.send(noLongerCleared());
            break;
          }
          for (SseEmitter.SseEventBuilder event : ready) {
            emitter.send(event);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | IllegalStateException | dev.compact.store.StoreException e) {
        // The client went away, the stream was ended, or the outbox could not be read: it reconnects.
      } catch (RuntimeException e) {
        // Anything else ends this stream alone, and the other readers, the poller and the writers go on. An outage meets
        // every stream: one line each, a trace per stream would flood the log. Any other failure is a bug: its trace is
        // what finds it, logged once per kind of failure, and one line per stream after that.
        if (DatabaseOutage.causedIt(e)) {
          LOG.warn("an event stream ended, the database could not be read; its client reconnects: {}", DatabaseOutage.cause(e));
        } else if (traced.add(e.getClass())) {
          LOG.error("an event stream ended on an unexpected failure; its client reconnects", e);
        } else {
          LOG.warn("an event stream ended on an unexpected failure (its trace is logged above); its client reconnects: {}", e.toString());
        }
      } finally {
        drop(this);
      }
    }
  }

  /** The last thing a stream sends when whoever opened it is no longer cleared for it. */
  private static SseEmitter.SseEventBuilder noLongerCleared() {
    return SseEmitter.event().comment("the credentials this stream was opened with no longer hold; reconnect");
  }

  private static SseEmitter.SseEventBuilder event(Outbox.Entry entry, Clearance clearance) {
    return SseEmitter.event().name("transition").id(entry.cursor(clearance).toString()).data(entry.body());
  }

  /**
   * Streams are endless requests; graceful shutdown would wait for them. They are closed first, and
   * clients reconnect to another instance or after the restart.
   */
  @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
  public void closeStreams() {
    running = false;
    wake.release();
    for (Reader reader : readers) {
      drop(reader);
    }
  }

  /**
   * Opens a stream of the transitions a reader with this clearance may see: from the present, or
   * from just after the event whose id it last received. An id that this stream could not have sent
   * this reader (malformed, or of a higher clearance) is refused; one beyond the last transition
   * starts at the present. An id older than what the outbox still holds (it was pruned after
   * {@code compact.outbox-retention}) gets a {@code reset} event first, whose id is the present:
   * the transitions in between are gone, so the reader reads the state again, then follows the stream.
   */
  public SseEmitter subscribe(Clearance clearance, Optional<String> lastEventId) {
    return subscribe(clearance, lastEventId, Duration.ZERO, () -> true);
  }

  /**
   * As {@link #subscribe(Clearance, Optional)}, for a stream that ends after {@code lifetime} (zero:
   * never), when the clearance it was opened with may not last: a client reconnects with the last id
   * it received, and is asked again who it is. {@code cleared} says whether whoever opened it is still
   * cleared for it: asked before each send of transitions and every {@code compact.stream-recheck}
   * while none come; the stream ends at the first no.
   */
  public SseEmitter subscribe(Clearance clearance, Optional<String> lastEventId, Duration lifetime, BooleanSupplier cleared) {
    Optional<Long> resume = Optional.empty();
    Optional<Outbox.Cursor> pruned = Optional.empty();
    if (lastEventId.isPresent() && !lastEventId.get().isBlank()) {
      Outbox.Cursor cursor = Outbox.Cursor.parse(lastEventId.get().strip())
          .filter(c -> c.clearance().compareTo(clearance) <= 0)
          .orElseThrow(() -> new IllegalArgumentException("Last-Event-ID is not an id this stream sends to this reader; reconnect without it"));
      // A lower clearance's id is resumed at that clearance's numbering, then read at the reader's own.
      switch (outbox.resume(cursor)) {
        case Outbox.Resume.After after -> resume = Optional.of(after.seq());
        case Outbox.Resume.Pruned gone -> pruned = Optional.of(gone.oldest());
        case Outbox.Resume.Unknown unknown -> { }
      }
    }
    Reader reader = new Reader(clearance, lifetime, cleared);
    synchronized (dispatch) {
      if (readers.isEmpty()) {
        // Nobody was listening, so the poller did not follow the outbox: the present is its end.
        position = Math.max(position, outbox.head());
      }
      reader.through = position;
      reader.from = resume.map(seq -> Math.min(seq, position)).orElse(position);
      reader.received = resume.orElse(0L);
      if (pruned.isPresent()) {
        reader.reset = SseEmitter.event().name("reset").id(outbox.cursorAt(clearance, position).toString())
            .data("{\"reason\":\"the transitions after your Last-Event-ID are no longer held (the outbox keeps them for "
                + (retention.toHours() >= 48 ? retention.toDays() + " days" : retention.toMinutes() >= 120 ? retention.toHours() + " hours"
                    : retention.toMinutes() + " minutes") + "); read the state again (GET /api/obligations, /api/norms), then follow this stream\","
                + "\"oldest\":\"" + pruned.get() + "\"}");
      }
      readers.add(reader);
    }
    reader.emitter.onCompletion(() -> drop(reader));
    reader.emitter.onTimeout(() -> drop(reader));
    reader.emitter.onError(e -> drop(reader));
    reader.sender = Thread.ofVirtual().name("sse-reader").start(reader::drain);
    wake.release();
    return reader.emitter;
  }

  /** Looks at the outbox now: another instance wrote to it ({@link OutboxSignal}). */
  void wake() {
    wake.release();
  }

  /** How many streams are open (for tests and metrics). */
  public int readers() {
    return readers.size();
  }

  /**
   * Ends a stream. Completing it may wait for a write the stalled client never lets finish, so it is
   * done on a thread of its own, never on the poller's.
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

  private void run() {
    while (running) {
      try {
        boolean more = !readers.isEmpty() && pass();
        if (!more) {
          wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The database may be briefly unreachable: the transitions wait in the outbox.
        LOG.warn("reading the outbox for the event stream failed, will retry: {}", e.toString());
        try {
          Thread.sleep(poll.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /** Hands the readers what was committed since the last pass; true if there may be more. */
  private boolean pass() {
    long from;
    synchronized (dispatch) {
      from = position;
    }
    List<Outbox.Entry> entries = outbox.after(from, PAGE);
    synchronized (dispatch) {
      for (Outbox.Entry entry : entries) {
        if (entry.seq() <= position) {
          continue; // a reader that started meanwhile moved the position on
        }
        for (Reader reader : readers) {
          if (entry.visibleTo(reader.clearance) && entry.seq() > reader.received && !reader.buffer.offer(event(entry, reader.clearance))) {
            LOG.info("an event-stream reader fell {} transitions behind; its stream is ended", BUFFER);
            drop(reader);
          }
        }
        position = entry.seq();
      }
    }
    return entries.size() == PAGE;
  }
}
