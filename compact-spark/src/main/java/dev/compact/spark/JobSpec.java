package dev.compact.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What every task of a screening job needs to know, shipped with the task: the lists, the previous
 * lists when re-screening after a change (null for a full run), the versions (SHA-256) the driver
 * loaded from them (empty before it has), the customer columns and how many hits to keep per
 * customer.
 */
record JobSpec(ListSet lists, ListSet previous, List<String> versions, Columns columns, int limit) implements Serializable {

  JobSpec {
    versions = List.copyOf(versions);
  }

  JobSpec withVersions(List<String> loaded) {
    return new JobSpec(lists, previous, loaded, columns, limit);
  }

  /** The customer file's column names; only {@code key} and {@code name} must exist. */
  record Columns(String key, String name, String type, String dob, String country, String ids) implements Serializable {

    static Columns defaults() {
      return new Columns("customer_id", "name", "type", "dob", "country", "id");
    }

    List<String> required() {
      return List.of(key, name);
    }
  }

  boolean rescreen() {
    return previous != null;
  }
}
