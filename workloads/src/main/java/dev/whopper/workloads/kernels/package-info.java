/**
 * Race kernels: small programs with one classic concurrency bug each, and their correct twins
 * ({@code -fixed}), written against the SPI ({@link dev.whopper.workloads.spi.Workload}). They prove the
 * simulator finds what it claims to find.
 */
package dev.whopper.workloads.kernels;
