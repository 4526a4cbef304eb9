package io.github.guesttools.toolbox.vix;

/**
 * Op 188 INITIATE_FILE_TRANSFER_FROM_GUEST (same body as ListFiles; only the path is used).
 *
 * @param options option bits as sent
 * @param path the file (or archive path) to download
 */
public record TransferFromGuestRequest(int options, String path) implements VixRequest {}
