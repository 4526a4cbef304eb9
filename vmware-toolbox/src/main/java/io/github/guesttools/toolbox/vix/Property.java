package io.github.guesttools.toolbox.vix;

import java.nio.ByteBuffer;

/** One entry of a VIX property list; the record type decides the wire type. */
public sealed interface Property {
    /** @return the property id */
    int id();

    /**
     * @param id property id
     * @param value i32 value (type 1)
     */
    record IntValue(int id, int value) implements Property {}

    /**
     * @param id property id
     * @param value UTF-8 string, sent with its NUL (type 2)
     */
    record StringValue(int id, String value) implements Property {}

    /**
     * @param id property id
     * @param value one byte (type 3)
     */
    record BoolValue(int id, boolean value) implements Property {}

    /**
     * @param id property id
     * @param value i64 value (type 5)
     */
    record Int64Value(int id, long value) implements Property {}

    /**
     * @param id property id
     * @param value raw bytes (type 6, read-only)
     */
    record BlobValue(int id, ByteBuffer value) implements Property {
        public BlobValue {
            value = value.asReadOnlyBuffer();
        }

        @Override
        public ByteBuffer value() {
            return value.duplicate();
        }
    }
}
