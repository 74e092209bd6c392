/** The name a user is shown by: their nickname when they set one, else their full name, else their e-mail's local part. */
public final class DisplayName {
    private DisplayName() {
    }

    public static String of(String nickname, String fullName, String email) {
        if (nickname != null && !nickname.isBlank()) {
            return nickname.strip();
        }
        if (fullName.isBlank()) {
            return email.substring(0, email.indexOf('@'));
        }
        return fullName.strip();
    }

    /** The initials of a display name: the first letter of each word, upper-cased ("ann lee" is "AL"). */
    public static String initials(String name) {
        StringBuilder result = new StringBuilder();
        for (String word : name.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                result.append(Character.toUpperCase(word.charAt(0)));
            }
        }
        return result.toString();
    }
}
