/// Levenshtein distance and "did you mean" suggestions for config keys (like Python's `difflib` in Gymnasium).
public enum EditDistance {
    /// The minimum number of single-character insertions, deletions and substitutions turning `a` into `b`.
    /// - Complexity: O(|a|·|b|) time, O(|b|) memory.
    public static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `key`, if it is close enough to be a plausible typo: within
    /// `max(2, key.count / 3)` edits (case-insensitive), or a candidate whose last dotted component equals
    /// `key`'s last component (a key given at the wrong nesting level). Ties go to the earlier candidate.
    public static func suggestion(for key: String, among candidates: [String]) -> String? {
        // A key from a damaged file can be megabytes long; O(n·m) distances to every candidate would hang.
        guard key.utf8.count <= 256 else { return nil }
        let lowered = key.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = levenshtein(lowered, candidate.lowercased())
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        if let best, best.distance <= max(2, key.count / 3) { return best.candidate }
        let leaf = key.split(separator: ".").last.map(String.init) ?? key
        return candidates.first {
            ($0.split(separator: ".").last.map(String.init) ?? $0).lowercased() == leaf.lowercased()
        }
    }
}
