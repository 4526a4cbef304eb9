package io.github.guesttools.process;

/** The process still runs, so its output is not final yet; vSphere turns this into {@code CannotAccessFile}, which clients retry. Maps to VIX 13. */
public final class RetryLaterException extends ProcessException {
  private static final long serialVersionUID = 1L;

  /** VIX error code: FILE_ACCESS_ERROR. */
  public static final int VIX_ERROR = 13;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for logs and error replies
   */
  public RetryLaterException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, for logs and error replies
   * @param cause the underlying failure
   */
  public RetryLaterException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int vixError() {
    return VIX_ERROR;
  }
}
