package io.github.guesttools.process;

/** The operating system could not start the program (the launcher itself failed). Maps to VIX 1. */
public final class ProcessStartException extends ProcessException {
  private static final long serialVersionUID = 1L;

  /** VIX error code: FAIL. */
  public static final int VIX_ERROR = 1;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for logs and error replies
   */
  public ProcessStartException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, for logs and error replies
   * @param cause the underlying failure
   */
  public ProcessStartException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int vixError() {
    return VIX_ERROR;
  }
}
