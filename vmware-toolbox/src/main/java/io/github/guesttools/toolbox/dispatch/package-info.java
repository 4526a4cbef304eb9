/** {@link io.github.guesttools.toolbox.dispatch.VixDispatcher}: a relayed VIX command in, the TCLO reply out; handlers keyed by op code, per-user limits on requests in progress. */
package io.github.guesttools.toolbox.dispatch;
