/**
 * Names to workloads: the one place the command line finds the built-in workloads, with their
 * descriptions, default connections and properties.
 */
package dev.whopper.workloads.registry;
