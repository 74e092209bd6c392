import java.util.*;
import java.util.stream.*;

/** A training job for the class-data archives: what a small job loads. */
public final class Tally {
    public static Map<String, Long> count(List<String> words) {
        return words.stream().collect(Collectors.groupingBy(w -> w, TreeMap::new, Collectors.counting()));
    }

    public static int sum(int... xs) {
        int s = 0;
        for (int x : xs) s += x;
        return s;
    }

    public record Range(int from, int to) {
        public boolean contains(int x) { return x >= from && x < to; }
    }
}
