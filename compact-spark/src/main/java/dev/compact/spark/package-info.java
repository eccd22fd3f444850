/**
 * Bulk screening on Apache Spark: a job that screens every customer of a Parquet or CSV file with
 * the same matcher as the CLI and the service, and re-screens all customers against only the
 * designations that changed between two versions of the lists.
 *
 * <p>Each executor JVM parses the lists and builds the index once and shares it between its tasks;
 * the matcher itself stays pure and knows nothing of Spark.
 */
package dev.compact.spark;
