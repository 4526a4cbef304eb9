package io.github.guesttools.dist.iso;

/** The tree does not fit the ISO 9660 subset this writer produces (file too big, name too long, ...). */
public final class IsoLimitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    IsoLimitException(String message) {
        super(message);
    }
}
