package dev.compact.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A database failure met around a handler: for a write it may come from Spring Session's save after the command was
 * recorded, so the answer must not say that nothing was (review of 6d02184).
 */
class DatabaseUnavailableTests {
  @Test
  void aFailedWriteIsNotToldThatNothingWasRecorded() throws Exception {
    MockHttpServletResponse response = answer("POST");

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getContentAsString()).contains("may or may not have been recorded", "same Idempotency-Key")
        .doesNotContain("nothing was recorded");
  }

  @Test
  void aFailedReadSaysOnlyToTryAgain() throws Exception {
    MockHttpServletResponse response = answer("GET");

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getContentAsString()).contains("cannot be read just now. Try again shortly").doesNotContain("recorded");
  }

  private static MockHttpServletResponse answer(String method) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, "/consultations/c1/held");
    MockHttpServletResponse response = new MockHttpServletResponse();
    new DatabaseUnavailable().doFilter(request, response, (req, res) -> {
      throw new DataAccessResourceFailureException("no such table: spring_session");
    });
    return response;
  }
}
