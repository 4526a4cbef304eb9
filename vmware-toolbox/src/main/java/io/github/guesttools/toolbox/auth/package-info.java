/** Authentication of VIX credentials: PAM (JNA), deny-all, an allow-list file, custom authenticators, and the failed-login back-off. */
package io.github.guesttools.toolbox.auth;
