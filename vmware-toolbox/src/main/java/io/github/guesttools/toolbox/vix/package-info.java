/** The VIX codec only: framing, the 51-byte header, one record per request body, credentials, replies, property lists and error codes. */
package io.github.guesttools.toolbox.vix;
