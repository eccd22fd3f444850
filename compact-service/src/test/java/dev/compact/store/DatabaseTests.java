package dev.compact.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseTests {

  @Test
  void takesThePostgresqlUserAndPasswordOutOfTheUrl() {
    assertThat(Database.Target.of("postgresql://desk:s%2Fcret+1@db.example:5433/compact?sslmode=require"))
        .isEqualTo(new Database.Target("jdbc:postgresql://db.example:5433/compact?sslmode=require", "desk", "s/cret+1"));
    assertThat(Database.Target.of("postgres://desk@db.example/compact"))
        .isEqualTo(new Database.Target("jdbc:postgresql://db.example/compact", "desk", null));
    assertThat(Database.Target.of("jdbc:postgresql://127.0.0.1:5432/compact?user=desk&password=p%26ss&ssl=true"))
        .isEqualTo(new Database.Target("jdbc:postgresql://127.0.0.1:5432/compact?ssl=true", "desk", "p&ss"));
    assertThat(Database.Target.of("jdbc:postgresql://a:b@c@h1,h2/compact"))
        .isEqualTo(new Database.Target("jdbc:postgresql://h1,h2/compact", "a", "b@c"));
  }

  @Test
  void aPlainPathOrSqliteUrlIsSqliteWithoutCredentials() {
    assertThat(Database.Target.of("compact-data/compact.db")).isEqualTo(new Database.Target("jdbc:sqlite:compact-data/compact.db", null, null));
    assertThat(Database.Target.of("jdbc:sqlite:/tmp/c.db")).isEqualTo(new Database.Target("jdbc:sqlite:/tmp/c.db", null, null));
  }

  @Test
  void refusesOtherDatabasesWithoutRepeatingThePassword() {
    assertThatThrownBy(() -> Database.Target.of("jdbc:mysql://desk:hunter2@db.example/compact"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported database URL jdbc:mysql://desk:****@db.example/compact")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> Database.Target.of("mysql://db.example/compact?password=hunter2"))
        .hasMessageContaining("mysql://db.example/compact?password=****").hasMessageNotContaining("hunter2");
  }

  @Test
  void redactsPasswordsInEitherPlace() {
    assertThat(Database.redacted("postgresql://desk:s3cret@db.example/compact")).isEqualTo("postgresql://desk:****@db.example/compact");
    assertThat(Database.redacted("jdbc:postgresql://h/compact?user=desk&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/compact?user=desk&password=****&ssl=true");
    assertThat(Database.redacted("compact-data/compact.db")).isEqualTo("compact-data/compact.db");
    assertThat(new Database.Target("jdbc:postgresql://h/c", "desk", "s3cret").toString()).doesNotContain("s3cret");
  }

  @Test
  void aFailureThatQuotesThePasswordIsToldWithoutIt() {
    Database.Target target = Database.Target.of("postgresql://desk:s3cret-pw@db.example/compact");
    RuntimeException quoting = new IllegalStateException("pool failed", new IllegalArgumentException("bad login desk/s3cret-pw"));
    RuntimeException plain = new IllegalStateException("connection refused");

    assertThat(target.withoutPassword(quoting)).hasMessage("cannot open the database: pool failed: bad login desk/****").hasNoCause();
    assertThat(target.withoutPassword(plain)).isSameAs(plain);
  }

  @Test
  void aFailureToOpenNeverCarriesThePassword() {
    // Nothing listens on port 1: the driver fails to connect, and the failure must not name the password.
    assertThatThrownBy(() -> Database.open("postgresql://desk:pw-not-shown-7f3a@127.0.0.1:1/compact"))
        .satisfies(e -> {
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("pw-not-shown-7f3a");
          }
        });
  }
}
