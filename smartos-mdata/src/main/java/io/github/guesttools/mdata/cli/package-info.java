/**
 * {@code mdata-get}, {@code mdata-put}, {@code mdata-delete} and {@code mdata-list}, with
 * mdata-client's usage strings, messages and exit codes (0 found/done, 1 not found, 2 error,
 * 3 usage). Kept free of lambdas and logging so that the JVM starts them fast.
 */
package io.github.guesttools.mdata.cli;
