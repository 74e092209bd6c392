import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextStatsTest {
    @Test
    void countsWords() {
        assertEquals(4, TextStats.of("The cat sat down.").words);
    }

    @Test
    void countsSentences() {
        assertEquals(2, TextStats.of("Hi there. How are you?").sentences);
    }

    @Test
    void countsLettersButNotDigitsOrSpaces() {
        assertEquals(6, TextStats.of("abc 12 def").letters);
    }

    @Test
    void averageWordLength() {
        assertEquals(3.0, TextStats.of("one two six").averageWordLength(), 1e-9);
    }

    @Test
    void emptyText() {
        TextStats stats = TextStats.of("");
        assertEquals(0, stats.words);
        assertEquals(0, stats.letters);
        assertEquals(0.0, stats.averageWordLength(), 1e-9);
    }
}
