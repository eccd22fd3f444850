package dev.compact.spark;

import dev.compact.screening.BatchAnswer;
import dev.compact.screening.Hit;
import dev.compact.screening.Screener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Screens one partition of customers: one output row per hit, or one {@code REJECTED} row with the
 * reason for a customer that cannot be screened; customers without hits produce nothing. Rows are
 * screened as they are pulled, so a partition is never held in memory.
 */
final class ScreenPartition implements MapPartitionsFunction<Row, Row> {

  /** The hits file's columns. */
  static final StructType HITS = new StructType()
      .add("customer_id", DataTypes.StringType, true)
      .add("name", DataTypes.StringType, true)
      .add("decision", DataTypes.StringType, false)
      .add("score", DataTypes.DoubleType, true)
      .add("list", DataTypes.StringType, true)
      .add("list_version", DataTypes.StringType, true)
      .add("entity_id", DataTypes.StringType, true)
      .add("listed_name", DataTypes.StringType, true)
      .add("matched_name", DataTypes.StringType, true)
      .add("explanation", DataTypes.StringType, true)
      .add("algorithm", DataTypes.StringType, true);

  private final JobSpec spec;
  private final LongAccumulator screened;
  private final LongAccumulator rejected;

  ScreenPartition(JobSpec spec, LongAccumulator screened, LongAccumulator rejected) {
    this.spec = spec;
    this.screened = screened;
    this.rejected = rejected;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> customers) {
    Screener screener = ExecutorScreeners.forJob(spec).screener();
    return new Iterator<>() {
      private final ArrayDeque<Row> pending = new ArrayDeque<>();
      private int[] columns;

      @Override
      public boolean hasNext() {
        while (pending.isEmpty() && customers.hasNext()) {
          Row customer = customers.next();
          if (columns == null) {
            columns = columns(customer.schema());
          }
          pending.addAll(screen(screener, customer, columns));
        }
        return !pending.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.poll();
      }
    };
  }

  /** Indexes of key, name, type, dob, country and ids in the input, -1 for a column it lacks. */
  private int[] columns(StructType schema) {
    List<String> names = Arrays.asList(schema.fieldNames());
    JobSpec.Columns c = spec.columns();
    return new int[] {names.indexOf(c.key()), names.indexOf(c.name()), names.indexOf(c.type()), names.indexOf(c.dob()),
        names.indexOf(c.country()), names.indexOf(c.ids())};
  }

  private List<Row> screen(Screener screener, Row customer, int[] columns) {
    String key = text(customer, columns[0]);
    String name = text(customer, columns[1]);
    BatchAnswer answer = BatchAnswer.screen(screener, name, text(customer, columns[2]), text(customer, columns[3]),
        text(customer, columns[4]), identifiers(customer, columns[5]), spec.limit());
    screened.add(1);
    if (answer.rejected()) {
      rejected.add(1);
      return List.of(RowFactory.create(key, name, "REJECTED", null, null, null, null, null, null,
          String.join("; ", answer.problems()), null));
    }
    List<Row> rows = new ArrayList<>(answer.hits().size());
    for (Hit hit : answer.hits()) {
      rows.add(RowFactory.create(key, name, hit.decision().name(), Math.round(hit.score() * 1000) / 1000.0,
          hit.entity().listName(), hit.explanation().listVersion(), hit.entity().id().value(),
          hit.entity().primaryName().full(), hit.explanation().matchedName(),
          String.join(" | ", hit.explanation().describe()), hit.explanation().algorithm()));
    }
    return rows;
  }

  /** A cell as text whatever its type (a Parquet date reads as 1965-03-24), or null. */
  private static String text(Row row, int column) {
    if (column < 0 || row.isNullAt(column)) {
      return null;
    }
    return row.get(column).toString();
  }

  /** Identifiers from an array column, or from one text cell separated by semicolons. */
  private static List<String> identifiers(Row row, int column) {
    if (column < 0 || row.isNullAt(column)) {
      return List.of();
    }
    if (row.schema().fields()[column].dataType() instanceof ArrayType) {
      return row.<Object>getList(column).stream().filter(v -> v != null).map(Object::toString).toList();
    }
    return BatchAnswer.identifiers(row.get(column).toString());
  }
}
