package dev.compact.security;

import dev.compact.access.Accounts;
import dev.compact.access.DashboardSessions;
import dev.compact.access.WriteRate;
import dev.compact.identity.IdentityLinks;
import dev.compact.identity.OidcJwtDecoder;
import dev.compact.identity.OidcVerifier;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionFixationProtectionStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * One filter chain per surface. The API is stateless: reads are open (a token, if sent, must be
 * valid, and lets the reader see what its account is cleared for), writes need a Compact API token
 * or a linked identity-provider token. Metrics need the monitor role or the secretariat. The API
 * docs are open. The dashboard is every other path, with sessions in the database.
 */
@Configuration
class SecurityConfiguration {
  static final String CSRF_COOKIE = "compact_csrf";
  private static final String NO_TOKEN = "writes need an API token: Authorization: Bearer <token> (see compact users token)";

  /**
   * No Micrometer observation around each security filter, authentication and authorization. With
   * an observation registry present (the actuator's), Spring Security otherwise wraps every filter
   * of every chain in an observation of its own: 7% of the server's CPU per screening
   * request, for metrics nobody reads. Requests are still observed once each, by Spring MVC's
   * {@code http.server.requests}, the request counts per path and status the metrics document.
   */
  @Bean
  SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  /** Requests the firewall refuses, before any chain, as problem documents (WebSecurity finds this bean). */
  @Bean
  RequestRejectedHandler rejectedRequests() {
    return new RejectedRequests();
  }

  /** Compact tokens and, where an identity provider is configured, its tokens. */
  @Bean
  ApiTokenProvider apiTokenProvider(Accounts accounts) {
    return new ApiTokenProvider(accounts);
  }

  @Bean
  @Order(1)
  SecurityFilterChain metrics(HttpSecurity http, ApiTokenProvider apiTokens) throws Exception {
    AuthenticationManager tokensOnly = new ProviderManager(apiTokens);
    return stateless(http.securityMatcher("/actuator", "/actuator/**"), Headers.API_POLICY)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .anyRequest().hasAnyRole("MONITOR", "SECRETARIAT"))
        .oauth2ResourceServer(resource -> resource
            .authenticationManagerResolver(request -> tokensOnly)
            .bearerTokenResolver(new BearerTokens())
            .authenticationEntryPoint(metricsEntryPoint())
            .accessDeniedHandler(metricsDenied()))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(metricsEntryPoint()).accessDeniedHandler(metricsDenied()))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain docs(HttpSecurity http) throws Exception {
    return stateless(http.securityMatcher("/api/docs", "/api/docs/**", "/api/swagger-ui/**"), Headers.DOCS_POLICY)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .build();
  }

  /**
   * The yente-compatible screening API at /match: JSON for programs, like /api, that reads and
   * writes nothing of the record and needs no account; no session, no CSRF token.
   */
  @Bean
  @Order(3)
  SecurityFilterChain match(HttpSecurity http) throws Exception {
    return sessionless(http.securityMatcher("/match", "/match/**"), Headers.API_POLICY)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .build();
  }

  /**
   * Screening (POST /api/screen and /api/screen/batch) reads and writes nothing of the record and
   * needs no account, so its chain carries only the API's headers: no token lookup, no anonymous
   * authentication, no write rate, which every request of the general API chain pays for, and no
   * session management ({@link #sessionless}). A token sent here is ignored, as it was on that chain.
   */
  @Bean
  @Order(4)
  SecurityFilterChain screening(HttpSecurity http) throws Exception {
    return sessionless(http.securityMatcher("/api/screen", "/api/screen/**"), Headers.API_POLICY)
        .anonymous(AbstractHttpConfigurer::disable)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .build();
  }

  /** The API's token check (Compact tokens, then the identity provider's), also asked again by long-lived event streams. */
  @Bean
  TokenRecheck tokenRecheck(ApiTokenProvider apiTokens, OidcVerifier verifier, IdentityLinks links, Accounts accounts) {
    return new TokenRecheck(new ProviderManager(apiTokens, new OidcTokenProvider(new OidcJwtDecoder(verifier), links)), accounts.sessions());
  }

  @Bean
  @Order(5)
  SecurityFilterChain api(HttpSecurity http, TokenRecheck recheck, WriteRate rate) throws Exception {
    AuthenticationManager tokens = recheck.tokens();
    return stateless(http.securityMatcher("/api/**"), Headers.API_POLICY)
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
            .requestMatchers(HttpMethod.GET).permitAll()
            .requestMatchers(HttpMethod.HEAD).permitAll()
            .requestMatchers(HttpMethod.OPTIONS).permitAll()
            .requestMatchers(request -> BearerTokens.tokenless(request)).permitAll()
            .anyRequest().authenticated())
        .oauth2ResourceServer(resource -> resource
            .authenticationManagerResolver(request -> tokens)
            .bearerTokenResolver(new BearerTokens())
            .authenticationEntryPoint(apiEntryPoint()))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(apiEntryPoint()))
        .addFilterAfter(new WriteRateFilter(rate), BearerTokenAuthenticationFilter.class)
        .build();
  }

  /**
   * The dashboard: reading is open; signing in with a name and password (form login) or an API
   * token opens a session in Spring Session JDBC, always under a new id; signing out ends it. Form
   * posts need an account, which the handlers ask for (a page that says to sign in, not a redirect),
   * and every form post, signing in and out included, needs the page's CSRF token.
   */
  @Bean
  @Order(6)
  SecurityFilterChain dashboard(HttpSecurity http, Accounts accounts, ApiTokenProvider apiTokens) throws Exception {
    DashboardSessions sessions = accounts.sessions();
    DashboardSignIn.WithToken withToken = new DashboardSignIn.WithToken(accounts);
    withToken.setAuthenticationManager(new ProviderManager(apiTokens));
    CookieCsrfTokenRepository csrfTokens = csrfTokens();
    withToken.setSessionAuthenticationStrategy(new CompositeSessionAuthenticationStrategy(List.of(newSession(),
        new CsrfAuthenticationStrategy(csrfTokens))));
    withToken.setSecurityContextRepository(new HttpSessionSecurityContextRepository());
    withToken.setAuthenticationSuccessHandler(DashboardSignIn.opened(sessions));
    withToken.setAuthenticationFailureHandler(DashboardSignIn.refused());
    return http
        .authenticationManager(new ProviderManager(new PasswordProvider(accounts.passwords())))
        .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
        // A refused form (its CSRF token expired) gets a dashboard page that says so, not the framework's fallback.
        .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(refusedForms()))
        .addFilterAfter(new CsrfCookie(), CsrfFilter.class)
        .requestCache(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionFixation(fixation -> fixation.newSession()))
        .formLogin(form -> form.loginPage("/signin").loginProcessingUrl("/signin").usernameParameter("name").passwordParameter("password")
            .successHandler(DashboardSignIn.opened(sessions)).failureHandler(DashboardSignIn.refused()))
        .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/?done=signed-out"))
        .addFilterBefore(withToken, UsernamePasswordAuthenticationFilter.class)
        .addFilterAfter(new SessionClock(sessions), SecurityContextHolderFilter.class)
        .headers(Headers.with(Headers.DASHBOARD_POLICY))
        .headers(headers -> headers.addHeaderWriter(Headers.SIGNED_IN_PAGES))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .build();
  }

  /**
   * Every form carries a CSRF token (Thymeleaf adds it to each th:action form) that must match the
   * one in an HttpOnly, SameSite=Strict cookie; Spring Security masks it in the page and makes a new
   * one at each sign-in. A cookie rather than the session: reading a page opens no session.
   */
  private static CookieCsrfTokenRepository csrfTokens() {
    CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
    tokens.setCookieName(CSRF_COOKIE);
    tokens.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Strict").path("/"));
    return tokens;
  }

  /** Forwards a refusal to the dashboard's page for it (dev.compact.web.RefusedFormController), with status 403. */
  private static AccessDeniedHandler refusedForms() {
    org.springframework.security.web.access.AccessDeniedHandlerImpl handler = new org.springframework.security.web.access.AccessDeniedHandlerImpl();
    handler.setErrorPage("/forms/refused");
    return handler;
  }

  /** Every sign-in ends the session the browser had and opens a new one, with nothing carried over. */
  private static SessionFixationProtectionStrategy newSession() {
    SessionFixationProtectionStrategy strategy = new SessionFixationProtectionStrategy();
    strategy.setMigrateSessionAttributes(false);
    return strategy;
  }

  /**
   * Spring Session in front of everything that may read a session (only the dashboard's chain
   * does), with the cookie that carries the session's secret.
   */
  @Bean
  FilterRegistrationBean<SessionRepositoryFilter<?>> sessionRepositoryFilter(Accounts accounts) {
    SessionRepositoryFilter<?> filter = new SessionRepositoryFilter<>(accounts.sessions().repository());
    filter.setHttpSessionIdResolver(new HashedSessionCookies(accounts.sessions()));
    FilterRegistrationBean<SessionRepositoryFilter<?>> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
    return registration;
  }

  /** Just in front of Spring Session, so that its database failures, and those of the security chain, are answered too. */
  @Bean
  FilterRegistrationBean<DatabaseUnavailable> databaseUnavailable() {
    FilterRegistrationBean<DatabaseUnavailable> registration = new FilterRegistrationBean<>(new DatabaseUnavailable());
    registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
    return registration;
  }

  private static AuthenticationEntryPoint metricsEntryPoint() {
    return (request, response, e) -> Refusals.problem(response, 401, "unauthenticated", "Unauthenticated",
        "metrics need the token of an account with the monitor role (compact users add NAME --role monitor)");
  }

  private static AccessDeniedHandler metricsDenied() {
    return (request, response, e) -> Refusals.problem(response, 403, "forbidden", "Forbidden",
        "only the monitor role or the secretariat may read metrics");
  }

  /** A 401 that says what was wrong with the token, or a 503 when the identity provider could not be asked. */
  private static AuthenticationEntryPoint apiEntryPoint() {
    return (request, response, e) -> {
      if (e instanceof OidcTokenProvider.ProviderUnavailable) {
        response.setHeader("Retry-After", "30");
        Refusals.problem(response, 503, "identity-provider-unavailable", "Identity provider unavailable", e.getMessage());
        return;
      }
      Refusals.problem(response, 401, "unauthenticated", "Unauthenticated", detail(e));
    };
  }

  private static String detail(AuthenticationException e) {
    return e instanceof InvalidBearerTokenException ? e.getMessage() : NO_TOKEN;
  }

  /**
   * A chain that authenticates nobody and keeps nothing (the screening routes): as {@link #stateless}, and no session
   * management at all. With a stateless policy Spring Security still runs its session management filter, which asks
   * whether the session a request's cookie names is still valid: for a screening request from a signed-in browser, a
   * read of the sessions table (Spring Session JDBC) on every request, on routes that use no session (issue #17). Here
   * the security context lives in the request only, no request is ever saved for after a sign-in, and the servlet
   * API's user and role questions are left to the container, as nothing on these routes asks them.
   */
  private static HttpSecurity sessionless(HttpSecurity http, String policy) throws Exception {
    // Used by the exception translation filter; without it that filter would fall back to a session-backed cache.
    http.setSharedObject(RequestCache.class, new NullRequestCache());
    return cookieless(http
        .sessionManagement(AbstractHttpConfigurer::disable)
        .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .servletApi(AbstractHttpConfigurer::disable), policy);
  }

  /** No session, no CSRF token (nothing is authenticated by a cookie), no login pages: only what the chain says. */
  private static HttpSecurity stateless(HttpSecurity http, String policy) throws Exception {
    return cookieless(http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)), policy);
  }

  /** No CSRF token, no saved requests, no login or logout pages, and the headers with this content security policy. */
  private static HttpSecurity cookieless(HttpSecurity http, String policy) throws Exception {
    return http
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .headers(Headers.with(policy));
  }
}
