/**
 * Puts on the build console what a reader of a test run must see but surefire keeps in its
 * report files: why a test was skipped, and which branch a real-machine test took.
 */
package io.github.guesttools.testconsole;
