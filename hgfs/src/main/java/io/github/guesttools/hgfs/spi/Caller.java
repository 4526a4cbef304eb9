package io.github.guesttools.hgfs.spi;

import java.util.Objects;

/**
 * Who sent an HGFS request: the principal a session belongs to and the identity a {@link
 * FileHandler} checks access against. A session created by one caller is refused to every other
 * caller. The agent itself (TCLO {@code f} packets, which carry no credentials, or an embedder
 * calling {@code HgfsServer.handle(byte[])}) is a principal of its own, distinct from an
 * authenticated user of the same name.
 *
 * @param user the guest user name: the authenticated user, or the agent's own user
 * @param agent {@code true} for the agent's own requests, not made for an authenticated user
 */
public record Caller(String user, boolean agent) {

  /** The agent's own requests, as the JVM's user ({@code user.name}). */
  public static final Caller AGENT = agent(System.getProperty("user.name", ""));

  public Caller {
    Objects.requireNonNull(user, "user");
  }

  /** A request made for the authenticated guest user {@code user}. */
  public static Caller of(String user) {
    return new Caller(user, false);
  }

  /** The agent's own requests, running as the guest user {@code user}. */
  public static Caller agent(String user) {
    return new Caller(user, true);
  }

  /** The user name, marked when it is the agent's own identity (for logs). */
  @Override
  public String toString() {
    return agent ? "agent(" + user + ")" : user;
  }
}
