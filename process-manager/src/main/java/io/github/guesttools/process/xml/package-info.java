/** VIX XML reply bodies for process listings and environments, with VIX percent-escaping. */
package io.github.guesttools.process.xml;
