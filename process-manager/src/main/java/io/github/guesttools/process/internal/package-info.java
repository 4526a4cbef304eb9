/**
 * process-manager's implementation packages: not API, used only by
 * {@code io.github.guesttools.process} and each other, and may change in any release.
 */
package io.github.guesttools.process.internal;
