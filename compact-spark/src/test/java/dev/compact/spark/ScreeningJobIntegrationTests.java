package dev.compact.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctions.ListLoader;
import dev.compact.screening.BatchAnswer;
import dev.compact.screening.Hit;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screening job on a real Spark in local mode (two cores, two partitions), on small files: the
 * same hits as the matcher in-process, Parquet and CSV both ways, re-screening only what changed.
 */
class ScreeningJobIntegrationTests {
  static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("compact-spark-tests")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  record Run(int exitCode, String out, String err) {}

  static Run job(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = ScreeningJob.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static final String CUSTOMERS = """
      customer_id,name,type,dob,country
      c1,Oleg Deripaska,person,1968-01-02,RU
      c2,Zebulon Quattlebaum,person,1990,US
      c3,?!.,,,
      c4,Kim Jong Un,person,,
      c5,Viktor Bout,person,1967,
      c6,Acme Trading Corp,company,,
      c7,Oleg Deripaska,person,yesterday,
      c8,Ivanna Wrzesniewska,person,,PL
      """;

  @Test
  void screensEveryCustomerWithTheSameAnswersAsTheMatcherInProcess() throws IOException {
    Path customers = write("customers.csv", CUSTOMERS);
    Path out = dir.resolve("hits");

    Run run = job("--customers", customers.toString(), "--out", out.toString(), "--partitions", "2");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("Screened 8 customers", "2 refused", "with 2 partitions");
    List<Row> hits = spark.read().parquet(out.toString()).collectAsList();
    Map<String, List<Row>> byCustomer = hits.stream().collect(Collectors.groupingBy(r -> r.getString(0)));
    Row deripaska = byCustomer.get("c1").getFirst();
    assertThat(deripaska.getAs("decision").toString()).isEqualTo("ALERT");
    assertThat(deripaska.<String>getAs("listed_name")).containsIgnoringCase("deripaska");
    assertThat(deripaska.<String>getAs("explanation")).contains("name score", "list OFAC SDN version");
    assertThat(deripaska.<String>getAs("list_version")).hasSize(64);
    assertThat(byCustomer.get("c3").getFirst().<String>getAs("decision")).isEqualTo("REJECTED");
    assertThat(byCustomer.get("c7").getFirst().<String>getAs("explanation")).contains("cannot read the date of birth 'yesterday'");

    // Every customer gets exactly the hits the matcher gives in-process: same entities, decisions and scores, in order.
    Screener screener = new Screener(ScreeningIndex.build(ListLoader.bundled()));
    for (String line : CUSTOMERS.lines().skip(1).toList()) {
      String[] cells = line.split(",", -1);
      BatchAnswer expected = BatchAnswer.screen(screener, cells[1], cells[2], cells[3], cells[4], List.of(), 5);
      List<Row> actual = byCustomer.getOrDefault(cells[0], List.of()).stream()
          .filter(r -> !r.getAs("decision").equals("REJECTED")).toList();
      assertThat(actual.stream().map(r -> r.getAs("entity_id") + " " + r.getAs("decision") + " " + r.getAs("score")).toList())
          .as(cells[0])
          .isEqualTo(expected.hits().stream().map(ScreeningJobIntegrationTests::describe).toList());
    }
    assertThat(byCustomer).doesNotContainKey("c2");
  }

  @Test
  void readsParquetAndWritesCsv() throws IOException {
    StructType schema = new StructType().add("customer_id", DataTypes.LongType).add("name", DataTypes.StringType)
        .add("dob", DataTypes.DateType);
    Dataset<Row> customers = spark.createDataFrame(List.of(
        RowFactory.create(17L, "Oleg Deripaska", java.sql.Date.valueOf("1968-01-02")),
        RowFactory.create(18L, "Zebulon Quattlebaum", null),
        // A line break inside a name: the CSV output quotes it, and the job's summary must read it back.
        RowFactory.create(19L, "Oleg\nDeripaska", null)), schema);
    Path parquet = dir.resolve("customers.parquet");
    customers.write().parquet(parquet.toString());
    Path out = dir.resolve("hits-csv");

    Run run = job("--customers", parquet.toString(), "--out", out.toString(), "--out-format", "csv");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    // Without --partitions, at least four partitions per core (local[2]), so that no core idles at the end.
    assertThat(run.out()).contains("with 8 partitions");
    List<Row> hits = spark.read().option("header", true).option("multiLine", true).csv(out.toString()).collectAsList();
    assertThat(run.out()).contains("Screened 3 customers", ": 2 with an alert");
    assertThat(hits).isNotEmpty().allSatisfy(r -> assertThat(r.<String>getAs("customer_id")).isIn("17", "19"));
    hits = hits.stream().filter(r -> r.getAs("customer_id").equals("17")).toList();
    assertThat(hits.getFirst().<String>getAs("decision")).isEqualTo("ALERT");
    // The Parquet date reached the matcher: the same-date qualifier is in the explanation.
    assertThat(hits.getFirst().<String>getAs("explanation")).contains("1968");
  }

  @Test
  void rescreeningAfterAListChangeScreensOnlyTheAddedAndChangedDesignations() throws IOException {
    Path v1 = ofac("v1", """
        1,"PETROV, Ivan Sergeyevich","individual","RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 12 Mar 1971."
        2,"NORTHWIND SHIPPING LLC",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-\s
        """);
    Path v2 = ofac("v2", """
        1,"PETROV, Ivan Sergeyevich","individual","RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 12 Mar 1971."
        2,"NORTHWIND MARITIME LLC",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-\s
        3,"KOVALENKO, Dmytro","individual","RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-\s
        """);
    Path customers = write("customers.csv", """
        customer_id,name
        a,Ivan Petrov
        b,Northwind Maritime LLC
        c,Dmytro Kovalenko
        d,Jane Smith
        """);

    Run full = job("--customers", customers.toString(), "--out", dir.resolve("full").toString(), "--ofac", v2.toString());
    Run delta = job("--customers", customers.toString(), "--out", dir.resolve("delta").toString(), "--ofac", v2.toString(),
        "--previous-ofac", v1.toString());

    assertThat(full.exitCode()).as(full.err()).isZero();
    assertThat(delta.exitCode()).as(delta.err()).isZero();
    assertThat(delta.out()).contains("changed in OFAC SDN", "2 designations added or changed, 0 removed");
    assertThat(customersWithHits("full")).containsExactly("a", "b", "c");
    // Petrov did not change: his hit from the earlier run stands and is not screened again.
    assertThat(customersWithHits("delta")).containsExactly("b", "c");
  }

  @Test
  void aFileWithoutTheKeyColumnIsRefusedWithTheColumnsItHas() throws IOException {
    Path customers = write("people.csv", "id,name\n1,Oleg Deripaska\n");

    Run run = job("--customers", customers.toString(), "--out", dir.resolve("x").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("has no column 'customer_id' (columns: id, name); name the key column with --key");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void aMissingCustomerFileOrABadListIsRefusedBeforeSparkStarts() throws IOException {
    Run missing = job("--customers", dir.resolve("nope.csv").toString(), "--out", dir.resolve("x").toString());
    Path broken = Files.createDirectories(dir.resolve("broken"));
    Run badList = job("--customers", write("c.csv", CUSTOMERS).toString(), "--out", dir.resolve("y").toString(),
        "--ofac", broken.toString());

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("no such customer file");
    assertThat(badList.exitCode()).isEqualTo(1);
    assertThat(badList.err()).contains("holds neither sdn.csv nor cons_prim.csv", "nothing was screened");
  }

  private List<String> customersWithHits(String output) {
    return spark.read().parquet(dir.resolve(output).toString()).select("customer_id").distinct().orderBy("customer_id")
        .collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  private static String describe(Hit hit) {
    return hit.entity().id().value() + " " + hit.decision().name() + " " + Math.round(hit.score() * 1000) / 1000.0;
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private Path ofac(String version, String sdn) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(version));
    Files.writeString(folder.resolve("sdn.csv"), sdn, StandardCharsets.UTF_8);
    return folder;
  }
}
