package io.github.guesttools.process;

/** The table of tracked processes is full of running processes. Maps to VIX 5. */
public final class TooManyProcessesException extends ProcessException {
  private static final long serialVersionUID = 1L;

  /** VIX error code: OBJECT_IS_BUSY. */
  public static final int VIX_ERROR = 5;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for logs and error replies
   */
  public TooManyProcessesException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, for logs and error replies
   * @param cause the underlying failure
   */
  public TooManyProcessesException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int vixError() {
    return VIX_ERROR;
  }
}
