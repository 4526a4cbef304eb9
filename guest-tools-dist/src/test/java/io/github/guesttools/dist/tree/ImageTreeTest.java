package io.github.guesttools.dist.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageTreeTest {
    static final Instant TIME = Instant.EPOCH;

    @Test
    void sortsComponentWiseWithParentsFirst() {
        ImageTree tree = ImageTree.of(
                List.of(
                        TreeEntry.directory("a-b", 0755),
                        TreeEntry.symlink("a/z", "x"),
                        TreeEntry.directory("a", 0755),
                        TreeEntry.file("a/b", 0644, 0, Path.of("/dev/null"))),
                TIME);
        assertThat(tree.entries()).extracting(TreeEntry::path).containsExactly("a", "a/b", "a/z", "a-b");
    }

    @Test
    void refusesDuplicatesMissingParentsAndBadPaths() {
        assertThatThrownBy(() ->
                        ImageTree.of(List.of(TreeEntry.directory("a", 0755), TreeEntry.directory("a", 0700)), TIME))
                .hasMessageContaining("duplicate path in image: a");
        assertThatThrownBy(() -> ImageTree.of(List.of(TreeEntry.directory("a/b", 0755)), TIME))
                .hasMessageContaining("parent of a/b");
        assertThatThrownBy(() ->
                        ImageTree.of(List.of(TreeEntry.symlink("l", "t"), TreeEntry.directory("l/b", 0755)), TIME))
                .hasMessageContaining("parent of l/b is not a directory");
        for (String bad : List.of("", "/abs", "a/../b", "a//b", "./a", "a/")) {
            assertThatThrownBy(() -> TreeEntry.directory(bad, 0755)).as(bad).hasMessageContaining("bad entry path");
        }
        assertThatThrownBy(() -> TreeEntry.directory("a", 0100755)).hasMessageContaining("more than permission bits");
        assertThatThrownBy(() -> new TreeEntry("a", TreeEntry.Kind.FILE, 0644, 1, null, null))
                .hasMessageContaining("needs a source");
    }

    @Test
    void posixModeCarriesTheFileType() {
        assertThat(TreeEntry.directory("d", 0755).posixMode()).isEqualTo(040755);
        assertThat(TreeEntry.symlink("l", "t").posixMode()).isEqualTo(0120777);
        assertThat(TreeEntry.file("f", 0600, 0, Path.of("f")).posixMode()).isEqualTo(0100600);
    }
}
