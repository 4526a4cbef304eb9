package io.github.guesttools.toolbox.vix;

/**
 * Ops 179 MOVE_GUEST_FILE_EX and 180 MOVE_GUEST_DIRECTORY.
 *
 * @param directory true for op 180
 * @param options copy option bits as sent
 * @param oldPath the source
 * @param newPath the destination
 * @param overwrite whether an existing destination file may be replaced
 */
public record MoveRequest(boolean directory, int options, String oldPath, String newPath, boolean overwrite)
        implements VixRequest {}
