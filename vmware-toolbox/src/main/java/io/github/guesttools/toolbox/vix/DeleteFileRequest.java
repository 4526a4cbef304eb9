package io.github.guesttools.toolbox.vix;

/**
 * Op 194 DELETE_GUEST_FILE_EX.
 *
 * @param options option bits as sent
 * @param path the file
 */
public record DeleteFileRequest(int options, String path) implements VixRequest {}
