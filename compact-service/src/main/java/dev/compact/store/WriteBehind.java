package dev.compact.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batch's connection whose writes wait to be sent together, as an ORM's session flushes: each
 * INSERT, UPDATE, DELETE or NOTIFY a write makes is held, and {@link #flush} sends them as one JDBC
 * batch per statement text (a round trip each, however many writes made them) instead of a round trip
 * per statement. Anything else on the connection (a query, a savepoint, a statement that returns
 * rows) sends what is held first, so every read sees every write before it, as it would without this.
 *
 * <p>Statements are sent in the order they were made, except that a statement joins an earlier one
 * with the same text when no statement on the same table came between them: rows of one table keep
 * their order, and tables without foreign keys between them (none on the append path has any) do not
 * depend on each other's order. Update counts are not known until the flush: held statements report
 * {@link Statement#SUCCESS_NO_INFO}, and code on the append path must not depend on them. A statement
 * the database refuses at the flush cannot be told apart from the others sent with it: the flush
 * fails, {@link #failed} says so, and the caller rolls the whole transaction back (see
 * {@link AppendBatch}). A write that fails before anything of it was sent is undone by dropping what
 * it held ({@link #undo}), which costs no round trip.
 */
final class WriteBehind {
  private static final Pattern HELD = Pattern.compile(
      "^\\s*(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|NOTIFY)\\s+([A-Za-z_][A-Za-z0-9_.\"]*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern RETURNING = Pattern.compile("\\bRETURNING\\b", Pattern.CASE_INSENSITIVE);

  /** One held statement: its text, the table it writes, and the parameter setters to replay on the real statement. */
  private record Held(String sql, String table, List<Call> parameters) {}

  /** A {@code setXxx(index, value...)} call on a prepared statement, replayed at the flush. */
  private record Call(Method method, Object[] arguments) {}

  private final Connection real;
  private final Connection proxy;
  private final List<Held> held = new ArrayList<>();
  /** Counts flushes, so that an undo can tell whether what it would drop was sent already. */
  private long flushes;
  private boolean failed;

  WriteBehind(Connection real) {
    this.real = real;
    this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        this::onConnection);
  }

  /** The connection to give to writers: it holds their writes. */
  Connection connection() {
    return proxy;
  }

  /** Where a write begins: {@link #undo} drops what was held since, if none of it was sent yet. */
  record Mark(int held, long flushes) {}

  Mark mark() {
    return new Mark(held.size(), flushes);
  }

  /** Drops what was held since {@code mark}; false when some of it was sent already and only a rollback undoes it. */
  boolean undo(Mark mark) {
    if (mark.flushes() != flushes) {
      return false;
    }
    held.subList(mark.held(), held.size()).clear();
    return true;
  }

  /** True once a flush failed: the transaction is unusable on PostgreSQL and holds part of a flush on SQLite. */
  boolean failed() {
    return failed;
  }

  /** Sends what is held, one JDBC batch per statement text, in order (see the class comment). */
  void flush() throws SQLException {
    if (held.isEmpty()) {
      return;
    }
    flushes++;
    List<List<Held>> groups = new ArrayList<>();
    for (Held statement : held) {
      List<Held> joined = null;
      for (int i = groups.size() - 1; i >= 0; i--) {
        Held first = groups.get(i).getFirst();
        if (first.sql().equals(statement.sql())) {
          joined = groups.get(i);
          break;
        }
        if (first.table().equals(statement.table())) {
          break;
        }
      }
      if (joined == null) {
        joined = new ArrayList<>();
        groups.add(joined);
      }
      joined.add(statement);
    }
    held.clear();
    try {
      for (List<Held> group : groups) {
        try (PreparedStatement ps = real.prepareStatement(group.getFirst().sql())) {
          for (Held statement : group) {
            for (Call call : statement.parameters()) {
              call.method().invoke(ps, call.arguments());
            }
            if (group.size() > 1) {
              ps.addBatch();
            }
          }
          if (group.size() > 1) {
            ps.executeBatch();
          } else {
            ps.execute();
          }
        }
      }
    } catch (SQLException | RuntimeException e) {
      failed = true;
      throw e;
    } catch (IllegalAccessException e) {
      failed = true;
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      failed = true;
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The table a held statement writes, or null when the statement is sent at once. */
  private static String heldTable(String sql) {
    Matcher m = HELD.matcher(sql);
    if (!m.find() || RETURNING.matcher(sql).find()) {
      return null;
    }
    return m.group(1).toLowerCase(Locale.ROOT);
  }

  private Object onConnection(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("prepareStatement") && args.length == 1) {
      String table = heldTable((String) args[0]);
      if (table != null) {
        return heldStatement((String) args[0], table);
      }
    } else if (name.equals("createStatement") && (args == null || args.length == 0)) {
      return plainStatement();
    } else if (name.equals("close") || name.equals("isClosed") || name.equals("unwrap") || name.equals("isWrapperFor")
        || name.equals("getAutoCommit") || name.equals("hashCode") || name.equals("equals") || name.equals("toString")) {
      return invoke(real, method, args);
    }
    // Anything else (a query, a savepoint, metadata) may see or depend on what is held: send it first.
    flush();
    return invoke(real, method, args);
  }

  /** A prepared INSERT, UPDATE, DELETE or NOTIFY whose executions are held. */
  private PreparedStatement heldStatement(String sql, String table) {
    List<Call> parameters = new ArrayList<>();
    List<List<Call>> rows = new ArrayList<>();
    boolean[] closed = {false};
    return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
        (self, method, args) -> {
          String name = method.getName();
          Class<?>[] types = method.getParameterTypes();
          if (name.startsWith("set") && types.length >= 2 && types[0] == int.class) {
            parameters.removeIf(call -> call.arguments()[0].equals(args[0]));
            parameters.add(new Call(method, args.clone()));
            return null;
          }
          return switch (name) {
            case "clearParameters" -> {
              parameters.clear();
              yield null;
            }
            case "addBatch" -> {
              rows.add(List.copyOf(parameters));
              yield null;
            }
            case "clearBatch" -> {
              rows.clear();
              yield null;
            }
            case "executeBatch" -> {
              for (List<Call> row : rows) {
                held.add(new Held(sql, table, row));
              }
              int[] counts = new int[rows.size()];
              Arrays.fill(counts, Statement.SUCCESS_NO_INFO);
              rows.clear();
              yield counts;
            }
            case "executeUpdate" -> {
              requireNoArguments(method, args);
              held.add(new Held(sql, table, List.copyOf(parameters)));
              yield Statement.SUCCESS_NO_INFO;
            }
            case "execute" -> {
              requireNoArguments(method, args);
              held.add(new Held(sql, table, List.copyOf(parameters)));
              yield false;
            }
            case "close" -> {
              closed[0] = true;
              yield null;
            }
            case "isClosed" -> closed[0];
            case "getConnection" -> proxy;
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            case "toString" -> "held " + sql;
            default -> throw new UnsupportedOperationException(name + " on a statement held for the batch's flush: " + sql);
          };
        });
  }

  /** A plain statement: its writes are held, its queries send what is held first. */
  private Statement plainStatement() {
    Statement[] opened = {null};
    return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class}, (self, method, args) -> {
      String name = method.getName();
      if ((name.equals("executeUpdate") || name.equals("execute")) && args != null && args.length == 1) {
        String table = heldTable((String) args[0]);
        if (table != null) {
          held.add(new Held((String) args[0], table, List.of()));
          return name.equals("execute") ? (Object) false : (Object) Statement.SUCCESS_NO_INFO;
        }
      }
      switch (name) {
        case "close" -> {
          if (opened[0] != null) {
            opened[0].close();
          }
          return null;
        }
        case "hashCode" -> {
          return System.identityHashCode(self);
        }
        case "equals" -> {
          return self == args[0];
        }
        case "getConnection" -> {
          return proxy;
        }
        default -> {
          flush();
          if (opened[0] == null) {
            opened[0] = real.createStatement();
          }
          return invoke(opened[0], method, args);
        }
      }
    });
  }

  private static void requireNoArguments(Method method, Object[] args) {
    if (args != null && args.length > 0) {
      throw new UnsupportedOperationException(method.getName() + "(String) on a prepared statement");
    }
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
