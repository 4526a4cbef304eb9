package io.github.guesttools.toolbox.vix;

/**
 * Ops 181 CREATE_TEMPORARY_FILE_EX and 182 CREATE_TEMPORARY_DIRECTORY.
 *
 * @param directory true for op 182
 * @param options option bits as sent
 * @param prefix name prefix, possibly empty
 * @param suffix name suffix, possibly empty
 * @param directoryPath where to create it; empty means the user's temporary directory
 */
public record CreateTemporaryRequest(boolean directory, int options, String prefix, String suffix, String directoryPath)
        implements VixRequest {}
