package io.github.guesttools.process.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.process.ProcessInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessXmlTest {
    @Test
    void escapesExactlyTheSixCharactersInUpperCaseHex() {
        assertThat(VixEscape.escape("a\"b%c&d'e<f>g")).isEqualTo("a%22b%25c%26d%27e%3Cf%3Eg");
        assertThat(VixEscape.escape("plain /usr/bin é ✓ ;|$")).isEqualTo("plain /usr/bin é ✓ ;|$");
        assertThat(VixEscape.escape("")).isEmpty();
        assertThat(VixEscape.escape("%%")).isEqualTo("%25%25");
    }

    @Test
    void formatsProcRowsWithEveryStringFieldEscaped() {
        ProcessInfo row =
                new ProcessInfo(1234, "sle<ep", "\"/bin/sleep\" 10 > /tmp/o&1", "o'neil", 1700000000, 3, 1700000060);
        assertThat(ProcessXml.format(List.of(row)))
                .isEqualTo("<proc><cmd>sle%3Cep</cmd><name>%22/bin/sleep%22 10 %3E /tmp/o%261</name>"
                        + "<pid>1234</pid><user>o%27neil</user><start>1700000000</start>"
                        + "<eCode>3</eCode><eTime>1700000060</eTime></proc>");
    }

    @Test
    void omitsCmdWhenThereIsNoShortNameAndConcatenatesRows() {
        ProcessInfo a = new ProcessInfo(1, "", "[kthreadd]", "root", 5, 0, 0);
        ProcessInfo b = new ProcessInfo(4194304, "f", "f", "root", 6, -1, 7);
        assertThat(ProcessXml.format(List.of(a, b)))
                .isEqualTo("<proc><name>[kthreadd]</name><pid>1</pid><user>root</user><start>5</start>"
                        + "<eCode>0</eCode><eTime>0</eTime></proc>"
                        + "<proc><cmd>f</cmd><name>f</name><pid>4194304</pid><user>root</user>"
                        + "<start>6</start><eCode>-1</eCode><eTime>7</eTime></proc>");
        assertThat(ProcessXml.format(List.of())).isEmpty();
    }

    @Test
    void formatsEnvironmentWithNameAndValueEscaped() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", "/home/a&b");
        env.put("X<", "1=2");
        assertThat(EnvironmentXml.format(env)).isEqualTo("<ev>HOME=/home/a%26b</ev><ev>X%3C=1=2</ev>");
    }
}
