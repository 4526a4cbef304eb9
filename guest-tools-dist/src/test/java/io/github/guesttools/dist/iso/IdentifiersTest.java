package io.github.guesttools.dist.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void primaryIdentifiersAreEightDotThreeAndUniqueAcrossCase() {
        assertThat(Identifiers.primary(
                        List.of(
                                "install.sh",
                                "Install.SH",
                                "install-tools.sh",
                                ".hidden",
                                "lib",
                                "lib.d",
                                "日本",
                                "a.b.tar.gz"),
                        List.of(false, false, false, false, true, true, true, false)))
                .containsExactly(
                        "INSTALL.SH;1",
                        "INSTALL1.SH;1",
                        "INSTALL_.SH;1",
                        "_HIDDEN.;1",
                        "LIB",
                        "LIB_D",
                        "__",
                        "A_B_TAR.GZ;1");
    }

    @Test
    void jolietIdentifiersAreTruncatedToTheirLimitKeepingTheExtensionAndStayUnique() {
        String base = "x".repeat(120);
        List<String> ids = Identifiers.joliet(List.of(base + "-one.txt", base + "-two.txt", "a:b?c*.txt", "ok 😀.md"));
        assertThat(ids.get(0)).hasSize(Identifiers.JOLIET_MAX).endsWith(".txt");
        assertThat(ids.get(1)).hasSize(Identifiers.JOLIET_MAX).endsWith("~1.txt");
        assertThat(ids.subList(2, 4)).containsExactly("a_b_c_.txt", "ok _.md");
    }

    @Test
    void recordOrderPadsNameAndExtensionWithSpacesAndPutsHigherVersionsFirst() {
        List<String> ids = new ArrayList<>(List.of("AB.;1", "A.B;1", "A.;1", "A_.;1", "A0.;1", "A.;2"));
        ids.sort(Identifiers.RECORD_ORDER);
        assertThat(ids).containsExactly("A.;2", "A.;1", "A.B;1", "A0.;1", "AB.;1", "A_.;1");
    }
}
