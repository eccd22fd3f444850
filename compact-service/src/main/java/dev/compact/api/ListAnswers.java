package dev.compact.api;

import dev.compact.access.Actor;
import dev.compact.service.RecordService;
import dev.compact.store.StoreException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Answers a repeated read of the API's lists from memory. Under a steady load most requests ask for
 * the same few pages, and each answer cost a query of a hundred rows, their JSON and the hash of
 * that JSON (about a megabyte of garbage per request, so a young collection every few hundred
 * requests, and a pause in the tail). The record's head (its last sequence number, one indexed row
 * read per request) versions every list: the read models are written in the same transaction as
 * the events they show, by whichever instance appends, so while the head stays the same so does
 * each answer, and when it moves every answer of the older head is dropped. A page is therefore
 * never staler than a query made at the moment the head was read, on one instance or several.
 *
 * <p>An answer is kept per URL (with its query and host, which the {@code Link} header names), per
 * clearance and per account, and only when it is a 200 that sets no cookie; the answers of one head
 * hold at most {@value #MAX_BYTES} bytes. Runs after Spring Security (which refused whoever may not
 * read) and outside {@link ConditionalGets}, so an answer from memory has the ETag the body hash gave
 * it the first time, and {@code If-None-Match} still gets 304.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class ListAnswers extends OncePerRequestFilter {
  /** The lists whose answers depend on nothing but the read models, the query and the reader's clearance. */
  static final Set<String> PATHS = Set.of("/api/obligations", "/api/norms", "/api/incidents", "/api/consultations", "/api/support",
      "/api/transitions");
  static final long MAX_BYTES = 32L * 1024 * 1024;
  /** The headers of an answer that it carries from memory; the rest (security, date) are written per response as always. */
  private static final List<String> KEPT = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LINK, HttpHeaders.ETAG);

  private final RecordService record;
  private volatile Generation current = new Generation(-1);

  ListAnswers(RecordService record) {
    this.record = record;
  }

  /** One answer as first given: its body and the headers to give again. */
  record Answer(byte[] body, Map<String, String> headers) {}

  record Key(String url, String clearance, String reader) {}

  /** The answers of one head. */
  private static final class Generation {
    final long head;
    final Map<Key, Answer> answers = new ConcurrentHashMap<>();
    final AtomicLong bytes = new AtomicLong();

    Generation(long head) {
      this.head = head;
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) || !PATHS.contains(request.getRequestURI());
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return true;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Generation generation = generation(head());
    String query = request.getQueryString();
    Actor caller = ApiAuthentication.caller().orElse(null);
    Key key = new Key(request.getRequestURL() + (query == null ? "" : "?" + query), ApiAuthentication.clearance(request).name(),
        caller == null ? "" : caller.name());
    Answer answer = generation.answers.get(key);
    if (answer != null) {
      give(answer, request, response);
      return;
    }
    Set<String> before = new HashSet<>(response.getHeaderNames());
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, wrapper);
    byte[] body = wrapper.getContentAsByteArray();
    if (wrapper.getStatus() == HttpServletResponse.SC_OK && !wrapper.containsHeader(HttpHeaders.SET_COOKIE)
        && wrapper.getHeader(HttpHeaders.ETAG) != null && generation.bytes.addAndGet(body.length) <= MAX_BYTES) {
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      for (String name : KEPT) {
        String value = wrapper.getHeader(name);
        if (value != null && !before.contains(name)) {
          headers.put(name, value);
        }
      }
      generation.answers.putIfAbsent(key, new Answer(body, headers));
    }
    wrapper.copyBodyToResponse();
  }

  private static void give(Answer answer, HttpServletRequest request, HttpServletResponse response) throws IOException {
    answer.headers().forEach(response::setHeader);
    String etag = answer.headers().get(HttpHeaders.ETAG);
    if (etag != null && new ServletWebRequest(request, response).checkNotModified(etag)) {
      return;
    }
    response.setContentLength(answer.body().length);
    response.getOutputStream().write(answer.body());
  }

  /** The answers for this head: the same as before while the head stays, a fresh set once it moved. */
  private Generation generation(long head) {
    Generation generation = current;
    if (generation.head == head) {
      return generation;
    }
    synchronized (this) {
      if (current.head < head) {
        current = new Generation(head);
      }
      // A request that read an older head than the current set's (it raced a write) keeps nothing.
      return current.head == head ? current : new Generation(head);
    }
  }

  private long head() {
    try (Connection connection = record.database().readDataSource().getConnection(); Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT seq FROM chain_head WHERE id = 1")) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new StoreException("cannot read the record's head: " + e.getMessage(), e);
    }
  }

  /** For tests: how many answers the current head holds. */
  int size() {
    return current.answers.size();
  }
}
