package io.github.guesttools.process;

/**
 * A process operation failed. Each subclass carries the VIX error code the guest-operations layer
 * must reply with ({@code vix.md} §9), so callers can answer without inspecting messages.
 */
public abstract class ProcessException extends Exception {
  private static final long serialVersionUID = 1L;

  ProcessException(String message) {
    super(message);
  }

  ProcessException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The VIX error code for this failure. */
  public abstract int vixError();
}
