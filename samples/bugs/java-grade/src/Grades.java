/** Letter grades from percentage scores: A from 90, B from 80, C from 70, D from 60, else F. */
public final class Grades {
    private Grades() {
    }

    public static char letter(int score) {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score must be 0..100, got " + score);
        }
        if (score > 90) return 'A';
        if (score >= 80) return 'B';
        if (score >= 70) return 'C';
        if (score >= 60) return 'D';
        return 'F';
    }

    /** The grade of the rounded average of several scores. */
    public static char average(int... scores) {
        int sum = 0;
        for (int s : scores) {
            sum += s;
        }
        return letter(Math.round((float) sum / scores.length));
    }
}
