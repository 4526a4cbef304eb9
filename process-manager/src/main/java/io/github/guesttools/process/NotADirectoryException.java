package io.github.guesttools.process;

/** The requested working directory is not a directory. Maps to VIX 20002. */
public final class NotADirectoryException extends ProcessException {
  private static final long serialVersionUID = 1L;

  /** VIX error code: NOT_A_DIRECTORY. */
  public static final int VIX_ERROR = 20002;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for logs and error replies
   */
  public NotADirectoryException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, for logs and error replies
   * @param cause the underlying failure
   */
  public NotADirectoryException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int vixError() {
    return VIX_ERROR;
  }
}
