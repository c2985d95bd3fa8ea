/**
 * Histories of Elle-style transactions: {@link dev.whopper.workloads.history.Event}s (invoke, ok, fail, info)
 * with process, index and time, whose values are micro-operations ({@code [:append k v]}, {@code [:r k [..]]}
 * for list-append; {@code [:w k v]}, {@code [:r k v]} for registers); a recorder for workloads; and import and
 * export in Elle's EDN format through a small, strict EDN reader.
 */
package dev.whopper.workloads.history;
