package dev.compact.api;

import dev.compact.service.Queries;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Pages the API's lists: {@code limit} (default {@value #DEFAULT}, at most {@value #MAX}) rows after
 * {@code offset} (default 0), in the list's documented order. The answer stays a JSON array; when
 * there is more, a {@code Link: <...>; rel="next"} header names the next page (RFC 8288).
 */
final class Paging {
  static final int DEFAULT = 100;
  static final int MAX = 1_000;
  /** Far enough for any record; a larger offset is a mistake or a probe. */
  static final int MAX_OFFSET = 10_000_000;

  private Paging() {}

  /** Reads one page more than asked, to know whether a next page exists, and answers with the page and its links. */
  static <T> ResponseEntity<List<T>> page(Integer limit, Integer offset, HttpServletRequest request, Function<Queries.Page, List<T>> query) {
    int size = limit == null ? DEFAULT : limit;
    int skip = offset == null ? 0 : offset;
    if (size < 1 || size > MAX) {
      throw new IllegalArgumentException("'limit' must be from 1 to " + MAX + " (default " + DEFAULT + ")");
    }
    if (skip < 0 || skip > MAX_OFFSET) {
      throw new IllegalArgumentException("'offset' must be from 0 to " + MAX_OFFSET);
    }
    List<T> rows = query.apply(new Queries.Page(size + 1, skip));
    ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
    if (rows.size() > size) {
      rows = rows.subList(0, size);
      String next = ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("offset", skip + size)
          .replaceQueryParam("limit", size).build().toUriString();
      answer.header("Link", "<" + next + ">; rel=\"next\"");
    }
    return answer.body(rows);
  }
}
