package dev.compact.log;

/**
 * The record's stored tree does not extend the latest checkpoint the log signed: history was
 * changed or removed in the database after it was signed. The log signs nothing more, and the
 * service does not start over such a record: a checkpoint of that tree would put the log's key
 * under two histories.
 */
public final class RecordAltered extends RuntimeException {
  public RecordAltered(String message) {
    super(message);
  }
}
