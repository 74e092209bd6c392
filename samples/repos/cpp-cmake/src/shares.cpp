#include "money/shares.h"

namespace money {
std::vector<int> split(int total, int parts) {
    std::vector<int> shares(parts);
    for (int i = 0; i < parts; i++) {
        shares[i] = total / parts + (i <= total % parts ? 1 : 0);
    }
    return shares;
}
}
