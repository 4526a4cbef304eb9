package io.github.guesttools.dist.iso;

import io.github.guesttools.dist.tree.TreeEntry;
import java.util.ArrayList;
import java.util.List;

/** One entry of the image with its place in both hierarchies; mutable only while the writer lays it out. */
final class IsoNode {
    final TreeEntry entry;
    final IsoNode parent;
    final List<IsoNode> children = new ArrayList<>();

    String primaryId = "";
    String jolietId = "";
    /** Children in record order (ECMA-119 9.3); symbolic links are absent from the Joliet list. */
    List<IsoNode> primaryChildren = List.of();

    List<IsoNode> jolietChildren = List.of();

    int primaryNumber;
    int jolietNumber;
    long primaryExtent;
    long jolietExtent;
    int primaryLength;
    int jolietLength;
    long dataBlock;

    /** Rock Ridge of this node's record in its parent's directory. */
    RockRidge.Split systemUse;
    /** For directories: the continuation areas of their records, right after the extent. */
    ContinuationArea continuation;

    long ceBlock;
    int ceOffset;

    IsoNode(TreeEntry entry, IsoNode parent) {
        this.entry = entry;
        this.parent = parent;
    }

    boolean isRoot() {
        return entry == null;
    }

    boolean isDirectory() {
        return entry == null || entry.kind() == TreeEntry.Kind.DIRECTORY;
    }

    int posixMode() {
        return entry == null ? 0040755 : entry.posixMode();
    }

    long size() {
        return entry == null ? 0 : entry.size();
    }

    /** PX link count: a directory has its own {@code .} and each subdirectory's {@code ..}. */
    int links() {
        if (!isDirectory()) {
            return 1;
        }
        return 2 + (int) children.stream().filter(IsoNode::isDirectory).count();
    }
}
