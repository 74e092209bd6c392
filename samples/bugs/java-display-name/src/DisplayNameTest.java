import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DisplayNameTest {
    @Test
    void nicknameComesFirst() {
        assertEquals("Annie", DisplayName.of("Annie", "Ann Lee", "ann@example.com"));
    }

    @Test
    void nicknameIsTrimmed() {
        assertEquals("Annie", DisplayName.of("  Annie ", "Ann Lee", "ann@example.com"));
    }

    @Test
    void fullNameWithoutNickname() {
        assertEquals("Ann Lee", DisplayName.of(null, "Ann Lee", "ann@example.com"));
    }

    @Test
    void blankNicknameIsIgnored() {
        assertEquals("Ann Lee", DisplayName.of("   ", " Ann Lee ", "ann@example.com"));
    }

    @Test
    void emailWhenThereIsNoName() {
        assertEquals("ann.lee", DisplayName.of(null, null, "ann.lee@example.com"));
    }

    @Test
    void emailWhenTheNicknameIsBlankAndThereIsNoName() {
        assertEquals("bo", DisplayName.of(" ", null, "bo@example.com"));
    }

    @Test
    void emailWhenTheNameIsBlank() {
        assertEquals("ann.lee", DisplayName.of("", "  ", "ann.lee@example.com"));
    }

    @Test
    void initialsOfAName() {
        assertEquals("AL", DisplayName.initials("ann lee"));
        assertEquals("JRT", DisplayName.initials("  John  Ronald Tolkien "));
        assertEquals("A", DisplayName.initials("Annie"));
    }

    @Test
    void initialsOfTheDisplayName() {
        assertEquals("AL", DisplayName.initials(DisplayName.of(null, "Ann Lee", "ann@example.com")));
    }
}
