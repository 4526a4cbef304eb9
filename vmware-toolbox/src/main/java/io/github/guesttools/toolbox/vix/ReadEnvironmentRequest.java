package io.github.guesttools.toolbox.vix;

import java.util.List;

/**
 * Op 187 READ_ENV_VARIABLES.
 *
 * @param names the variables to read; empty means all
 */
public record ReadEnvironmentRequest(List<String> names) implements VixRequest {
    public ReadEnvironmentRequest {
        names = List.copyOf(names);
    }
}
