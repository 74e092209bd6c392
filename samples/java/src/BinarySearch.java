/** Binary search over a sorted array. The loop stops one step too early. */
public final class BinarySearch {
    private BinarySearch() {
    }

    public static int indexOf(int[] sorted, int target) {
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] == target) {
                return mid;
            } else if (sorted[mid] < target) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }
}
