package io.github.guesttools.toolbox.vix;

/** Op 62 GET_TOOLS_STATE: no body. */
public record ToolsStateRequest() implements VixRequest {}
