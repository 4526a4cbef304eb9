/** Checks that the README's embedding examples are code the reactor compiles and tests. */
package io.github.guesttools.examples.readme;
