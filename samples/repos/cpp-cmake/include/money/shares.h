#pragma once
#include <vector>

namespace money {
// The total in as equal parts as possible; the first parts take the odd cents.
std::vector<int> split(int total, int parts);
}
