package io.github.guesttools.dist.iso;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** A growable byte buffer with the ISO 9660 field encodings (ECMA-119 section 7). */
final class Fields {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Fields u8(int value) {
        out.write(value);
        return this;
    }

    Fields le16(int value) {
        out.write(value);
        out.write(value >>> 8);
        return this;
    }

    Fields be16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    Fields le32(long value) {
        for (int shift = 0; shift < 32; shift += 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    Fields be32(long value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    /** 7.2.3: both-byte-order 16-bit. */
    Fields both16(int value) {
        return le16(value).be16(value);
    }

    /** 7.3.3: both-byte-order 32-bit. */
    Fields both32(long value) {
        return le32(value).be32(value);
    }

    Fields bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    Fields zeros(int count) {
        out.writeBytes(new byte[count]);
        return this;
    }

    /** A text field padded with spaces (primary descriptor). */
    Fields text(String value, int width) {
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length > width) {
            throw new IsoLimitException("'" + value + "' is longer than " + width + " bytes");
        }
        out.writeBytes(bytes);
        for (int i = bytes.length; i < width; i++) {
            out.write(' ');
        }
        return this;
    }

    /** A text field in UCS-2 big endian padded with UCS-2 spaces (Joliet descriptor). */
    Fields ucs2(String value, int width) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_16BE);
        if (bytes.length > width) {
            throw new IsoLimitException("'" + value + "' is longer than " + width / 2 + " UCS-2 characters");
        }
        out.writeBytes(bytes);
        for (int i = bytes.length; i + 1 < width; i += 2) {
            out.write(0);
            out.write(' ');
        }
        if (width % 2 == 1) {
            out.write(0);
        }
        return this;
    }

    /** 8.4.26.1: 17-byte volume descriptor date, in UTC. */
    Fields longDate(Instant time) {
        ZonedDateTime t = time.atZone(ZoneOffset.UTC);
        String digits = String.format(
                "%04d%02d%02d%02d%02d%02d%02d",
                t.getYear(),
                t.getMonthValue(),
                t.getDayOfMonth(),
                t.getHour(),
                t.getMinute(),
                t.getSecond(),
                t.getNano() / 10_000_000);
        out.writeBytes(digits.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        return this;
    }

    /** 8.4.26.1: "date not specified". */
    Fields noLongDate() {
        out.writeBytes("0000000000000000".getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        return this;
    }

    /** 9.1.5: 7-byte directory record date, in UTC (also Rock Ridge TF short form). */
    Fields shortDate(Instant time) {
        ZonedDateTime t = time.atZone(ZoneOffset.UTC);
        if (t.getYear() < 1900 || t.getYear() > 2155) {
            throw new IsoLimitException("timestamp outside 1900..2155: " + time);
        }
        out.write(t.getYear() - 1900);
        out.write(t.getMonthValue());
        out.write(t.getDayOfMonth());
        out.write(t.getHour());
        out.write(t.getMinute());
        out.write(t.getSecond());
        out.write(0);
        return this;
    }

    int length() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
