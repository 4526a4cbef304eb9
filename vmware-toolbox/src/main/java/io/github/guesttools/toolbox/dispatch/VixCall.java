package io.github.guesttools.toolbox.dispatch;

import io.github.guesttools.identity.Account;
import io.github.guesttools.identity.RunAs;
import io.github.guesttools.toolbox.vix.VixHeader;
import io.github.guesttools.toolbox.vix.VixRequest;

/**
 * One authenticated op as a handler sees it.
 *
 * @param header the request header
 * @param request the decoded body
 * @param user the authenticated account; null only for GetToolsState, which needs no login
 * @param runAs runs file-system actions with {@code user}'s rights
 */
public record VixCall(VixHeader header, VixRequest request, Account user, RunAs runAs) {}
