/**
 * An application that embeds the VMware guest agent ({@code Agent.builder}) and adds a guest
 * program written in Java, an HGFS file scheme and its own authenticator.
 */
package io.github.guesttools.examples.embedded;
