package io.github.guesttools.process;

/** The request is malformed, e.g. an I/O file opened in the wrong direction. Maps to VIX 3. */
public final class InvalidArgumentException extends ProcessException {
  private static final long serialVersionUID = 1L;

  /** VIX error code: INVALID_ARG. */
  public static final int VIX_ERROR = 3;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for logs and error replies
   */
  public InvalidArgumentException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, for logs and error replies
   * @param cause the underlying failure
   */
  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int vixError() {
    return VIX_ERROR;
  }
}
