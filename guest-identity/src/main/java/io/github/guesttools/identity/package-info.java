/**
 * Guest accounts and the one identity layer every guest operation goes through: {@link
 * io.github.guesttools.identity.Account} is resolved once (NSS) and passed across modules; {@link
 * io.github.guesttools.identity.RunAs} runs an action on a worker thread whose effective and
 * file-system uid and gid, supplementary groups and (empty) capabilities are exactly the user's;
 * {@link io.github.guesttools.identity.RegularFiles} opens files without ever waiting on a FIFO or
 * device. See {@code docs/SECURITY.md}.
 */
package io.github.guesttools.identity;
