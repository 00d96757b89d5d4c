/// Levenshtein distance between two strings (case-insensitive), for "did you mean" suggestions.
/// - Complexity: O(|a| · |b|).
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidate closest to `query`, if it is close enough to be a plausible typo.
func closestMatch(to query: String, in candidates: [String]) -> String? {
    guard let best = candidates.min(by: { editDistance($0, query) < editDistance($1, query) }) else { return nil }
    let distance = editDistance(best, query)
    return distance <= max(2, query.count / 3) ? best : nil
}
