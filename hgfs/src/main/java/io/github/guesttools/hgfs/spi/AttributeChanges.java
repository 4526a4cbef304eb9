package io.github.guesttools.hgfs.spi;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a SetattrV2 asks to change; empty fields stay as they are.
 *
 * @param mode permission bits (may be {@code 0}: "no access" is a valid request)
 * @param uid new owner
 * @param gid new group
 * @param accessTime new access time
 * @param modifyTime new modification time
 * @param size truncate or extend to this size
 */
public record AttributeChanges(
        OptionalInt mode,
        OptionalLong uid,
        OptionalLong gid,
        Optional<Instant> accessTime,
        Optional<Instant> modifyTime,
        OptionalLong size) {

    /** Whether nothing is to change. */
    public boolean isEmpty() {
        return mode.isEmpty()
                && uid.isEmpty()
                && gid.isEmpty()
                && accessTime.isEmpty()
                && modifyTime.isEmpty()
                && size.isEmpty();
    }
}
