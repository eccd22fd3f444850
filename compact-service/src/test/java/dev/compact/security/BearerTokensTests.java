package dev.compact.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one reading of an Authorization header, shared by the API's filter chain and the event stream's recheck. */
class BearerTokensTests {

  @Test
  void aBearerHeaderGivesItsTokenAndAnyOtherGivesNone() {
    assertThat(BearerTokens.token("Bearer cpt_abc")).hasValue("cpt_abc");
    assertThat(BearerTokens.token("Bearer  cpt_abc ")).as("spaces around the token").hasValue("cpt_abc");
    assertThat(BearerTokens.token("Bearer ")).isEmpty();
    assertThat(BearerTokens.token("Bearer    ")).isEmpty();
    assertThat(BearerTokens.token("Basic dXNlcjpwYXNz")).isEmpty();
    assertThat(BearerTokens.token("bearer cpt_abc")).as("the scheme as the chain reads it, case and all").isEmpty();
    assertThat(BearerTokens.token(null)).isEmpty();
  }
}
