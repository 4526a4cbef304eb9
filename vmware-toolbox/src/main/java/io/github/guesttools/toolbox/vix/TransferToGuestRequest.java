package io.github.guesttools.toolbox.vix;

/**
 * Op 189 INITIATE_FILE_TRANSFER_TO_GUEST.
 *
 * @param options attribute bits as sent
 * @param path the file (or archive path) to upload to
 * @param overwrite whether an existing file may be replaced
 */
public record TransferToGuestRequest(int options, String path, boolean overwrite) implements VixRequest {}
