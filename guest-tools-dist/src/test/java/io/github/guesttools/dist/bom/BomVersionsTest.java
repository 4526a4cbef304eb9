package io.github.guesttools.dist.bom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.dist.testing.StagingTrees;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * guest-tools-bom has no parent (importing it must manage only our artifacts), so its versions are
 * literals: they must be exactly the versions of the modules the reactor builds and tests, which
 * also equal the parent's {@code <module>.version} properties used between modules.
 */
class BomVersionsTest {
    private static final Path ROOT = StagingTrees.moduleDir().getParent();

    @Test
    void bomListsEveryComponentAtTheVersionTheReactorBuilds() throws Exception {
        Map<String, String> bom = new TreeMap<>();
        NodeList deps = parse(ROOT.resolve("guest-tools-bom/pom.xml")).getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            bom.put(text(d, "artifactId"), text(d, "version"));
        }
        Map<String, String> modules = new TreeMap<>();
        Map<String, String> properties = new TreeMap<>();
        Element parentProperties = child(parse(ROOT.resolve("pom.xml")).getDocumentElement(), "properties");
        for (String artifact : bom.keySet()) {
            modules.put(
                    artifact,
                    text(parse(ROOT.resolve(artifact).resolve("pom.xml")).getDocumentElement(), "version"));
            properties.put(artifact, text(parentProperties, artifact + ".version"));
        }
        assertThat(bom)
                .containsOnlyKeys(
                        "backdoor-transport",
                        "backdoor-simulator",
                        "rpc-dispatch",
                        "guest-identity",
                        "hgfs",
                        "process-manager",
                        "vmware-toolbox",
                        "vmware-toolbox-logging",
                        "smartos-mdata");
        assertThat(bom).isEqualTo(modules).isEqualTo(properties);
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of {@code parent}'s direct child element {@code name}. */
    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        assertThat(e).as("<%s> in <%s>", name, parent.getTagName()).isNotNull();
        return e.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
