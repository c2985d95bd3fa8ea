/** JMH benchmarks; build with {@code mvn -B package -DskipTests}, run {@code java -jar bench/target/benchmarks.jar}. */
package dev.whopper.bench;
