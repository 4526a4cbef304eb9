package io.github.guesttools.toolbox.vix;

/**
 * Op 177 LIST_FILES.
 *
 * @param options option bits as sent
 * @param path the directory or file
 * @param pattern a regular expression for names, or null for all
 * @param index the first (filtered) entry the host wants
 * @param maxResults the page size; 0 lists nothing but counts
 * @param offset entries of this page already received in truncated replies
 */
public record ListFilesRequest(int options, String path, String pattern, int index, int maxResults, long offset)
        implements VixRequest {}
