/**
 * The database file's page format: fixed-size pages with an 8-byte trailer (page number and CRC32C)
 * that the pager owns, the header page (page 1) and freelist pages. See docs/engine.md.
 */
package dev.whopper.core.storage.page;
