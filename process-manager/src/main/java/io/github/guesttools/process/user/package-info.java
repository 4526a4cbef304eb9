/** Account lookup and login environments. */
package io.github.guesttools.process.user;
