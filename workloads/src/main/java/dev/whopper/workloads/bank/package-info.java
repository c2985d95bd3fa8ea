/**
 * {@code bank}: the engine under test ({@code dev.whopper.core.db}) stressed by connections moving money
 * between accounts. Each fiber is a connection; operations are explicit state machines over the engine's
 * state machines; properties check conservation, durability across crashes, integrity and that nothing is
 * reported corrupt without a bit flip. The broken twins ({@code bank-non-atomic}, {@code bank-early-ack})
 * prove the properties can fail.
 */
package dev.whopper.workloads.bank;
