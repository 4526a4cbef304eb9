package io.github.guesttools.toolbox.files;

/**
 * A name that stops a regular-expression match after a fixed number of character reads.
 * {@code java.util.regex} backtracks without limit, so a pattern such as {@code (a|a)*b} would hold
 * a worker thread for hours on a long name; PCRE, which vmtoolsd uses, has a match limit for the
 * same reason. Hand-written because the JDK offers no match time-out.
 */
final class MatchBudget implements CharSequence {
    /** Thrown when the budget is spent. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exceeded() {
            super("regular expression match limit exceeded", null, false, false);
        }
    }

    private final CharSequence text;
    private final long[] left;

    MatchBudget(CharSequence text, long budget) {
        this(text, new long[] {budget});
    }

    private MatchBudget(CharSequence text, long[] left) {
        this.text = text;
        this.left = left;
    }

    @Override
    public char charAt(int index) {
        if (--left[0] < 0) {
            throw new Exceeded();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new MatchBudget(text.subSequence(start, end), left);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
