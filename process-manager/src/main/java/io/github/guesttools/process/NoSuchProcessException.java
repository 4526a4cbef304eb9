package io.github.guesttools.process;

/** No process with that pid exists (or it has no captured I/O, for the I/O calls). Maps to VIX 20003. */
public final class NoSuchProcessException extends ProcessException {
  private static final long serialVersionUID = 1L;

  /** VIX error code: NO_SUCH_PROCESS. */
  public static final int VIX_ERROR = 20003;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for logs and error replies
   */
  public NoSuchProcessException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, for logs and error replies
   * @param cause the underlying failure
   */
  public NoSuchProcessException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int vixError() {
    return VIX_ERROR;
  }
}
