package io.github.guesttools.mdata.client;

import io.github.guesttools.mdata.internal.protocol.Crc32Hex;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Source of V2 request ids. Ids only match replies to requests on a locked line, so a fast
 * non-cryptographic generator is enough (SecureRandom would cost start-up time, and so would a
 * lambda here).
 */
interface RequestIds {
    RequestIds RANDOM = new RequestIds() {
        @Override
        public String next() {
            return Crc32Hex.hex8(ThreadLocalRandom.current().nextInt() & 0xffffffffL);
        }
    };

    String next();
}
