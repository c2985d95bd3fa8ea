/**
 * The database file's page formats: fixed-size pages in a
 * {@link dev.whopper.core.storage.page.PageEnvelope} (an 8-byte trailer with the page number and a
 * CRC32C, owned by the pager), the header page (page 1) and freelist pages. See docs/engine.md.
 */
package dev.whopper.core.storage.page;
