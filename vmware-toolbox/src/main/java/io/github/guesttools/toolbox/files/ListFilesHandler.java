package io.github.guesttools.toolbox.files;

import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.dispatch.VixOpHandler;
import io.github.guesttools.toolbox.vix.ListFilesRequest;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixReply;
import io.github.guesttools.toolbox.vix.VixReplyEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Op 177, with open-vm-tools' semantics: {@code <'0'|'1'> SP <rem>N</rem><fxi>...}. A directory
 * (not a symlink) lists {@code .} and {@code ..} first, then its entries sorted by name so pages
 * are stable between requests (listings are reused between pages, see {@link DirectorySnapshots}); anything else that exists lists itself. The pattern is applied
 * first and index and offset count filtered entries; the window starts at index + offset and holds
 * at most maxResults - offset entries; a reply that would pass 64 KiB - 53 bytes stops early and
 * starts with {@code 1}, and the host asks again with a larger offset.
 *
 * <p>Pattern dialect: {@code java.util.regex} with {@link java.util.regex.Matcher#find()} (a match
 * anywhere in the name, like GLib's {@code g_regex_match}). GLib uses PCRE; the common subset
 * (classes, anchors, quantifiers, alternation, groups) behaves the same, but PCRE-only syntax such
 * as recursion {@code (?R)}, {@code \K} or callouts is rejected here with 3, and Java's
 * {@code \p{...}} property names differ from PCRE's in places.
 */
final class ListFilesHandler implements VixOpHandler {
    private static final int MAX_REPLY = VixReplyEncoder.MAX_REPLY_SIZE;
    /** Room for "OK 0 0 ", the flag, the rem element and the NUL. */
    private static final int OVERHEAD = 64;
    /** Character reads allowed per name match (see {@link MatchBudget}). */
    private static final long MATCH_BUDGET = 1_000_000;

    private final DirectorySnapshots snapshots = new DirectorySnapshots(System::nanoTime);

    @Override
    public VixReply handle(VixCall call) throws VixException {
        ListFilesRequest r = (ListFilesRequest) call.request();
        if (r.offset() < 0
                || r.offset() >= Integer.MAX_VALUE
                || r.index() < 0
                || r.maxResults() < 0
                || (r.maxResults() > 0 && r.offset() >= r.maxResults())) {
            throw FileErrors.vix(VixError.INVALID_ARG, 0, "bad index/offset/maxResults");
        }
        Path path = UserFiles.path(r.path());
        Pattern pattern = compile(r.pattern());
        return UserFiles.asUser(call, () -> list(call, path, pattern, r));
    }

    private static Pattern compile(String regex) throws VixException {
        if (regex == null || regex.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw FileErrors.vix(VixError.INVALID_ARG, 0, "invalid pattern: " + e.getDescription());
        }
    }

    private VixReply list(VixCall call, Path path, Pattern pattern, ListFilesRequest r)
            throws IOException, VixException {
        List<String> names = new ArrayList<>();
        boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        if (directory) {
            names.add(".");
            names.add("..");
            names.addAll(snapshots.names(call.user(), path));
        } else {
            Files.readAttributes(path, "unix:mode", LinkOption.NOFOLLOW_LINKS); // missing -> errno
            Path name = path.getFileName();
            names.add(name == null ? path.toString() : name.toString());
        }
        if (pattern != null) {
            try {
                names.removeIf(
                        n -> !pattern.matcher(new MatchBudget(n, MATCH_BUDGET)).find());
            } catch (MatchBudget.Exceeded | StackOverflowError e) {
                throw FileErrors.vix(VixError.INVALID_ARG, 0, "pattern too costly to match");
            }
        }
        long start = (long) r.index() + r.offset();
        long wanted = r.maxResults() == 0 ? 0 : r.maxResults() - r.offset();
        StringBuilder fxi = new StringBuilder();
        int bytes = OVERHEAD;
        long next = start;
        boolean truncated = false;
        for (; next < names.size() && next - start < wanted; next++) {
            String name = names.get((int) next);
            Path file = directory ? path.resolve(name) : path;
            int before = fxi.length();
            try {
                FileInfoXml.append(file, name, fxi);
            } catch (IOException e) {
                // open-vm-tools does not print an entry whose attributes cannot be read.
                fxi.setLength(before);
                continue;
            }
            bytes += utf8Length(fxi, before);
            if (bytes > MAX_REPLY) {
                fxi.setLength(before);
                truncated = true;
                break;
            }
        }
        long remaining = Math.max(0, names.size() - Math.max(next, start));
        return VixReply.ok((truncated ? "1" : "0") + " <rem>" + remaining + "</rem>" + fxi);
    }

    private static int utf8Length(CharSequence s, int from) {
        int n = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
