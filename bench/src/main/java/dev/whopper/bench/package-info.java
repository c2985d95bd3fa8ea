/**
 * Benchmarks; build with {@code mvn -B package -DskipTests}. JMH: {@code java -jar bench/target/benchmarks.jar}.
 * {@link dev.whopper.bench.SchedulerOverhead} measures the scheduler's overhead against the bare loop as a
 * paired ratio in one process, for machines whose speed drifts between JMH benchmarks:
 * {@code java -cp bench/target/benchmarks.jar dev.whopper.bench.SchedulerOverhead}.
 */
package dev.whopper.bench;
