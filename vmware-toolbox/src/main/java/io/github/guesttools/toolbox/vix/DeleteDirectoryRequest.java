package io.github.guesttools.toolbox.vix;

/**
 * Op 195 DELETE_GUEST_DIRECTORY_EX.
 *
 * @param options option bits as sent
 * @param path the directory
 * @param recursive whether its contents go too
 */
public record DeleteDirectoryRequest(int options, String path, boolean recursive) implements VixRequest {}
