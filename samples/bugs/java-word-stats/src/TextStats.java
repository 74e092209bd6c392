/** Counts the words, sentences and letters of a plain-text paragraph. */
public final class TextStats {
    public final int words;
    public final int sentences;
    public final int letters;

    private TextStats(int words, int sentences, int letters) {
        this.words = words;
        this.sentences = sentences;
        this.letters = letters;
    }

    public static TextStats of(String text) {
        int words = 0, sentences = 0, letters = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                // A letter after a separator starts a new word.
                if (!inWord) { words++; inWord = true; }
                if (Character.isLetter(c)) { letters++; letters++; }
            } else {
                inWord = false;
                if (c == '.' || c == '!' || c == '?') { sentences++; }
            }
        }
        return new TextStats(words, sentences, letters);
    }

    /** Average letters per word, 0 for a text without words. */
    public double averageWordLength() {
        return words == 0 ? 0 : (double) letters / words;
    }
}
