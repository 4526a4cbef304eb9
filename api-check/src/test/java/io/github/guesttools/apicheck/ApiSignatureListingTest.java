package io.github.guesttools.apicheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles small sources with the JDK's compiler and lists their API. */
class ApiSignatureListingTest {
    @TempDir
    Path dir;

    private List<String> apiOf(Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        for (var e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
        try (URLClassLoader loader = new URLClassLoader(
                new java.net.URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            return ApiSignature.of(classes, loader);
        }
    }

    @Test
    void listsPublicAndProtectedTypesAndMembersOnly() throws IOException {
        List<String> api = apiOf(Map.of(
                "p/Shown.java", """
                        package p;
                        public class Shown implements Runnable {
                            public static final int LIMIT = 3;
                            protected String name;
                            int hidden;
                            public Shown(String... names) {}
                            Shown() {}
                            public void run() {}
                            protected <T extends Number> T pick(java.util.List<T> xs) throws java.io.IOException { return null; }
                            private void secret() {}
                            public static final class Builder {}
                            static final class PackageOnly { public void x() {} }
                        }
                        """,
                "p/Hidden.java", "package p; final class Hidden { public void x() {} }",
                "p/Kind.java", "package p; public enum Kind { A, B }",
                "p/Point.java", "package p; public record Point(int x, int y) {}",
                "p/internal/Helper.java", "package p.internal; public final class Helper { public void x() {} }"));

        assertThat(api)
                .containsExactly(
                        "public final enum p.Kind",
                        "    public static final p.Kind A",
                        "    public static final p.Kind B",
                        "    public static p.Kind valueOf(java.lang.String)",
                        "    public static p.Kind[] values()",
                        "",
                        "public final record p.Point",
                        "    public Point(int, int)",
                        "    public final boolean equals(java.lang.Object)",
                        "    public final int hashCode()",
                        "    public final java.lang.String toString()",
                        "    public int x()",
                        "    public int y()",
                        "",
                        "public class p.Shown implements java.lang.Runnable",
                        "    protected <T extends java.lang.Number> T pick(java.util.List<T>) throws java.io.IOException",
                        "    protected java.lang.String name",
                        "    public Shown(java.lang.String...)",
                        "    public static final int LIMIT",
                        "    public void run()",
                        "",
                        "public static final class p.Shown$Builder",
                        "    public Builder()",
                        "");
    }

    @Test
    void diffNamesTheTypeOfAChangedMember() {
        List<String> before = List.of("public class p.A", "    public void close()", "", "public class p.B", "");
        List<String> after = List.of(
                "public class p.A", "    public void close() throws java.io.IOException", "", "public class p.C", "");

        assertThat(ApiDiff.of(before, after))
                .containsExactly(
                        "  public class p.A",
                        "-     public void close()",
                        "+     public void close() throws java.io.IOException",
                        "- public class p.B",
                        "+ public class p.C");
        assertThat(ApiDiff.of(before, before)).isEmpty();
    }

    @Test
    void internalPackagesAreRecognisedBySegment() {
        assertThat(ApiSignature.isInternal("a.internal.X")).isTrue();
        assertThat(ApiSignature.isInternal("a.internal.deep.X")).isTrue();
        assertThat(ApiSignature.isInternal("a.internals.X")).isFalse();
        assertThat(ApiSignature.isInternal("a.b.X")).isFalse();
    }
}
