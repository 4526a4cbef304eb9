/** Login environments of resolved accounts. */
package io.github.guesttools.process.internal.user;
