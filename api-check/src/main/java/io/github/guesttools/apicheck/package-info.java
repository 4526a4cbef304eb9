/**
 * The public-API check every deployable module runs as a test: {@link
 * io.github.guesttools.apicheck.ApiSignature} lists a module's public API as text, {@code
 * ApiSignatureTest} compares it with the committed {@code api/<artifactId>.api} file.
 */
package io.github.guesttools.apicheck;
