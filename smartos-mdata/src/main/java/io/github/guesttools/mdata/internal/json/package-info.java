/**
 * A small strict JSON reader and writer for {@code metadata.json} and the {@code sdc:*} values.
 *
 * <p>Written here because no JSON library is on the project's list of allowed dependencies, and
 * the needs are small: RFC 8259 values mapped to {@code Map}, {@code List}, {@code String},
 * {@code BigDecimal}, {@code Boolean} and {@code null}.
 *
 * <p>Internal to smartos-mdata: not an API, no compatibility promise.
 */
package io.github.guesttools.mdata.internal.json;
