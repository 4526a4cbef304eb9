package io.github.guesttools.toolbox.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ListFilesTest extends AgentUserFileTest {
    private static final Pattern NAME = Pattern.compile("<fxi><Name>(.*?)</Name>");
    private static final Pattern REM = Pattern.compile("^OK 0 0 ([01]) <rem>(\\d+)</rem>");

    private static List<String> names(String reply) {
        List<String> out = new ArrayList<>();
        Matcher m = NAME.matcher(reply);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int rem(String reply) {
        Matcher m = REM.matcher(reply);
        assertThat(m.find()).as(reply).isTrue();
        return Integer.parseInt(m.group(2));
    }

    private static boolean truncated(String reply) {
        Matcher m = REM.matcher(reply);
        assertThat(m.find()).as(reply).isTrue();
        return m.group(1).equals("1");
    }

    @Test
    void fullListingWithDotEntriesEscapingModesAndLinks() throws Exception {
        Path odd = Files.writeString(dir.resolve("a<b>&\"'%.txt"), "12345");
        Files.setPosixFilePermissions(odd, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link"), odd);
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        String reply = vix.listFiles(dir.toString(), null, 0, 50, 0);
        assertThat(reply)
                .startsWith("OK 0 0 0 <rem>0</rem><fxi><Name>.</Name><ft>1</ft>")
                .endsWith("</fxi>\0");
        // Sorted by name after . and ..; the dangling link cannot be stat'ed and is not printed.
        assertThat(names(reply)).containsExactly(".", "..", "a%3Cb%3E%26%22%27%25.txt", "link", "sub");
        long mtime = Files.getLastModifiedTime(odd).to(java.util.concurrent.TimeUnit.SECONDS);
        int uid = (int) Files.getAttribute(odd, "unix:uid");
        int gid = (int) Files.getAttribute(odd, "unix:gid");
        assertThat(reply)
                .contains("<fxi><Name>a%3Cb%3E%26%22%27%25.txt</Name><ft>0</ft><fs>5</fs><mt>" + mtime + "</mt><at>");
        assertThat(reply).contains("<uid>" + uid + "</uid><gid>" + gid + "</gid><perm>33188</perm><slt></slt></fxi>");
        assertThat(reply).contains("<Name>link</Name><ft>2</ft><fs>5</fs>");
        assertThat(reply).contains("<slt>" + dir + "/a%3Cb%3E%26%22%27%25.txt</slt>");
        assertThat(reply).contains("<Name>sub</Name><ft>1</ft>");
    }

    @Test
    void singleEntriesAndErrors() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        assertThat(names(vix.listFiles(f.toString(), null, 0, 50, 0))).containsExactly("f");
        Path link = Files.createSymbolicLink(dir.resolve("dirlink"), Files.createDirectory(dir.resolve("d")));
        String linkReply = vix.listFiles(link.toString(), null, 0, 50, 0);
        assertThat(names(linkReply)).containsExactly("dirlink");
        assertThat(linkReply).contains("<ft>3</ft>");
        assertThat(vix.listFiles(dir.resolve("missing").toString(), null, 0, 50, 0))
                .isEqualTo("OK 4 2 \0");
        assertThat(vix.listFiles("", null, 0, 50, 0)).isEqualTo("OK 3 0 \0");
        assertThat(vix.listFiles(dir.toString(), "([a", 0, 50, 0)).isEqualTo("OK 3 0 \0");
        assertThat(vix.listFiles(dir.toString(), null, 0, 50, 50)).isEqualTo("OK 3 0 \0");
        assertThat(vix.listFiles(dir.toString(), null, 0, 50, Integer.MAX_VALUE))
                .isEqualTo("OK 3 0 \0");
        assertThat(vix.listFiles(dir.toString(), null, -1, 50, 0)).isEqualTo("OK 3 0 \0");
    }

    @Test
    void patternIsAppliedFirstAndMatchesAnywhere() throws Exception {
        for (String n : new String[] {"alpha.log", "beta.txt", "gamma.log", "delta.log.gz"}) {
            Files.writeString(dir.resolve(n), n);
        }
        assertThat(names(vix.listFiles(dir.toString(), "\\.log", 0, 50, 0)))
                .containsExactly("alpha.log", "delta.log.gz", "gamma.log");
        assertThat(names(vix.listFiles(dir.toString(), "\\.log$", 0, 50, 0))).containsExactly("alpha.log", "gamma.log");
        String page = vix.listFiles(dir.toString(), "log", 1, 1, 0);
        assertThat(names(page)).containsExactly("delta.log.gz");
        assertThat(rem(page)).isEqualTo(1);
    }

    /** Catastrophic backtracking is cut off (PCRE has a match limit too) instead of pinning a thread. */
    @Test
    void patternsThatBacktrackForeverAreRefused() throws Exception {
        Files.writeString(dir.resolve("a".repeat(60)), "");
        assertThat(vix.listFiles(dir.toString(), "((a*)*)*b", 0, 50, 0)).isEqualTo("OK 3 0 \0");
        assertThat(names(vix.listFiles(dir.toString(), "^(a|b)*$", 0, 50, 0))).containsExactly("a".repeat(60));
    }

    @Test
    void pagingAsVsphereDoes() throws Exception {
        for (int i = 0; i < 123; i++) {
            Files.writeString(dir.resolve(String.format("file-%03d", i)), "");
        }
        List<String> all = new ArrayList<>();
        int index = 0;
        while (true) {
            String page = vix.listFiles(dir.toString(), null, index, 50, 0);
            List<String> got = names(page);
            all.addAll(got);
            index += got.size();
            if (rem(page) == 0) {
                break;
            }
            assertThat(got).hasSize(50);
        }
        assertThat(all)
                .hasSize(125)
                .startsWith(".", "..", "file-000")
                .endsWith("file-122")
                .doesNotHaveDuplicates();
        String none = vix.listFiles(dir.toString(), null, 10, 0, 0);
        assertThat(names(none)).isEmpty();
        assertThat(rem(none)).isEqualTo(115);
        String window = vix.listFiles(dir.toString(), null, 10, 50, 20);
        assertThat(names(window)).hasSize(30).startsWith("file-028");
        assertThat(rem(window)).isEqualTo(125 - 60);
        String pastEnd = vix.listFiles(dir.toString(), null, 500, 50, 0);
        assertThat(names(pastEnd)).isEmpty();
        assertThat(rem(pastEnd)).isZero();
    }

    @Test
    void truncatedRepliesAreContinuedWithOffset() throws Exception {
        String longName = "n".repeat(200);
        for (int i = 0; i < 400; i++) {
            Files.writeString(dir.resolve(longName + String.format("%04d", i)), "");
        }
        int maxResults = 1000;
        List<String> all = new ArrayList<>();
        long offset = 0;
        int replies = 0;
        while (true) {
            String page = vix.listFiles(dir.toString(), null, 0, maxResults, offset);
            replies++;
            assertThat(page.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(65536 - 53);
            List<String> got = names(page);
            all.addAll(got);
            offset += got.size();
            if (!truncated(page)) {
                assertThat(rem(page)).isZero();
                break;
            }
            assertThat(got).isNotEmpty();
        }
        assertThat(replies).isGreaterThan(1);
        assertThat(all).hasSize(402).doesNotHaveDuplicates();
    }
}
