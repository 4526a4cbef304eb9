package io.github.guesttools.process;

/** The program to start does not exist (or its path is not absolute). Maps to VIX 4. */
public final class ProgramNotFoundException extends ProcessException {
  private static final long serialVersionUID = 1L;

  /** VIX error code: FILE_NOT_FOUND. */
  public static final int VIX_ERROR = 4;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for logs and error replies
   */
  public ProgramNotFoundException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, for logs and error replies
   * @param cause the underlying failure
   */
  public ProgramNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int vixError() {
    return VIX_ERROR;
  }
}
