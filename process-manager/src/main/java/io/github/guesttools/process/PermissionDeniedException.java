package io.github.guesttools.process;

/** The user may not do this: run the program, run as another user, signal the process or read its I/O. Maps to VIX 3015. */
public final class PermissionDeniedException extends ProcessException {
  private static final long serialVersionUID = 1L;

  /** VIX error code: GUEST_USER_PERMISSIONS. */
  public static final int VIX_ERROR = 3015;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for logs and error replies
   */
  public PermissionDeniedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, for logs and error replies
   * @param cause the underlying failure
   */
  public PermissionDeniedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int vixError() {
    return VIX_ERROR;
  }
}
