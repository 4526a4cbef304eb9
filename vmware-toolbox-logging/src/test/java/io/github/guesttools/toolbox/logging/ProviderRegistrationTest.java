package io.github.guesttools.toolbox.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * This artifact is the one place the journal provider is registered: with it on the class path
 * SLF4J finds that provider and no other, and the vmware-toolbox library itself registers none.
 */
class ProviderRegistrationTest {
    private static final String REGISTRATION = "META-INF/services/" + SLF4JServiceProvider.class.getName();

    @Test
    void slf4jFindsTheJournalProviderAndNoOther() {
        List<String> providers = ServiceLoader.load(SLF4JServiceProvider.class).stream()
                .map(p -> p.type().getName())
                .toList();
        assertThat(providers).containsExactly(JournalServiceProvider.class.getName());
        assertThat(LoggerFactory.getLogger("x.Y")).isInstanceOf(JournalLogger.class);
    }

    @Test
    void theRegistrationComesFromThisArtifactOnly() throws IOException {
        List<URL> registrations = Collections.list(getClass().getClassLoader().getResources(REGISTRATION));
        assertThat(registrations).hasSize(1);
        assertThat(registrations.get(0).toString()).contains("vmware-toolbox-logging");
        URL library = JournalServiceProvider.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation();
        assertThat(registrations.get(0).toString()).doesNotStartWith(library.toString());
    }
}
