import Foundation
import Tensor

/// Entity names of ``MiniHopWorld``: real countries and capitals and common person names for the standard
/// split, invented words for the fictional split.
enum MiniHopNames {
    static let realCountries: [(country: String, capital: String)] = [
        ("France", "Paris"), ("Japan", "Tokyo"), ("Kenya", "Nairobi"), ("Peru", "Lima"), ("Norway", "Oslo"),
        ("Egypt", "Cairo"), ("Chile", "Santiago"), ("Poland", "Warsaw"), ("Canada", "Ottawa"),
        ("Ghana", "Accra"), ("Austria", "Vienna"), ("Vietnam", "Hanoi"),
    ]
    static let firstNames = [
        "Anna", "Ben", "Clara", "David", "Elena", "Felix", "Grace", "Hugo", "Iris", "Jonas", "Kira", "Leo", "Maya",
        "Nils", "Olga", "Paul", "Rosa", "Samir", "Tara", "Victor",
    ]
    static let lastNames = [
        "Adler", "Brandt", "Costa", "Duval", "Eriksen", "Fischer", "Garcia", "Hale", "Ivanova", "Jensen", "Keller",
        "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato", "Tanaka",
    ]
    private static let onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "th", "br"]
    private static let vowels = ["a", "e", "i", "o", "u", "ae", "io"]
    private static let codas = ["", "", "n", "r", "s", "l", "th", "m"]

    /// An invented capitalised word of `syllables` syllables.
    static func invented(syllables: Int, using rng: inout Xoshiro256StarStar) -> String {
        var word = ""
        for _ in 0..<syllables {
            word += onsets[rng.int(below: onsets.count)] + vowels[rng.int(below: vowels.count)]
        }
        word += codas[rng.int(below: codas.count)]
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    /// `count` distinct names drawn by `make`.
    static func distinct(
        _ count: Int, avoiding taken: inout Set<String>, using rng: inout Xoshiro256StarStar,
        _ make: (inout Xoshiro256StarStar) -> String
    ) -> [String] {
        var names: [String] = []
        var attempts = 0
        while names.count < count {
            var name = make(&rng)
            attempts += 1
            if attempts > 50 * count { name += " \(names.count)" }
            if taken.insert(name.lowercased()).inserted { names.append(name) }
        }
        return names
    }
}
