/** VIX operations backed by other modules: processes (process-manager) and HGFS packets (hgfs). */
package io.github.guesttools.toolbox.guestops;
