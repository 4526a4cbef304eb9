package io.github.guesttools.toolbox.vix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A framed and header-validated VIX request: the op body and the credential block, not yet
 * interpreted.
 *
 * @param requestName the quoted request name of the TCLO framing (unused by vSphere ops)
 * @param header the validated header
 * @param body the {@code bodyLength} bytes after the header (read-only, little-endian)
 * @param credential the {@code credentialLength} bytes after the body (read-only, little-endian)
 * @param credentialOffset where the credential starts in the decoded buffer, so that the owner of
 *                         those bytes can wipe the password from them
 */
public record VixMessage(
        String requestName, VixHeader header, ByteBuffer body, ByteBuffer credential, int credentialOffset) {
    public VixMessage {
        body = body.asReadOnlyBuffer();
        credential = credential.asReadOnlyBuffer();
    }

    @Override
    public ByteBuffer body() {
        return body.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public ByteBuffer credential() {
        return credential.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
}
