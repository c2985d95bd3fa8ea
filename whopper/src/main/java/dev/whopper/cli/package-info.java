/** The picocli command line of {@code whopper.jar}. */
package dev.whopper.cli;
