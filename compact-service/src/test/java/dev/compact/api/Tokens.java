package dev.compact.api;

import dev.compact.access.Accounts;
import java.time.Duration;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/** One account and token per role the tests act as, created in the service under test. */
record Tokens(String secretariat, String ukr, String gbr, String deu, String usa, String observer) {

  static Tokens create(ConfigurableApplicationContext context) {
    Accounts accounts = context.getBean(Accounts.class);
    return new Tokens(token(accounts, "secretariat", "secretariat"), token(accounts, "ua-desk", "protected:UKR"),
        token(accounts, "uk-desk", "guarantor:GBR"), token(accounts, "de-desk", "guarantor:DEU"), token(accounts, "us-desk", "guarantor:USA"),
        token(accounts, "observer", "observer"));
  }

  private static String token(Accounts accounts, String name, String role) {
    accounts.add(name, List.of(role));
    return accounts.issue(name, Duration.ofDays(1)).token();
  }

  static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }
}
