// Package wordfreq finds the most frequent words of a text.
package wordfreq

import (
	"sort"
	"strings"
)

// Top returns the n most frequent words, lower-cased; ties go alphabetically.
func Top(text string, n int) []string {
	counts := map[string]int{}
	for _, word := range strings.Split(strings.ToLower(text), " ") {
		counts[word]++
	}
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if counts[words[i]] != counts[words[j]] {
			return counts[words[i]] > counts[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) > n {
		words = words[:n]
	}
	return words
}
