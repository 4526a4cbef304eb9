/** Login environments of resolved accounts. Internal to process-manager: not API. */
package io.github.guesttools.process.internal.user;
