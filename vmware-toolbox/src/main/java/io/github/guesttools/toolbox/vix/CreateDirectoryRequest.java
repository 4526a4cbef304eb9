package io.github.guesttools.toolbox.vix;

/**
 * Op 178 CREATE_DIRECTORY_EX.
 *
 * @param options option bits as sent
 * @param path the directory
 * @param createParents whether missing parents are created too
 */
public record CreateDirectoryRequest(int options, String path, boolean createParents) implements VixRequest {}
