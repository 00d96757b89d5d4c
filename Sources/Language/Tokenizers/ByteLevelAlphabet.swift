/// GPT-2's reversible map between bytes and printable Unicode characters (the "byte-level" alphabet): printable
/// Latin-1 bytes map to themselves, the other 68 bytes to U+0100 onwards in byte order, so every byte string is
/// a string of visible characters (a space becomes `Ġ`, a newline `Ċ`).
struct ByteLevelAlphabet: Sendable {
    /// Character for each byte value.
    let characters: [Character]
    /// Byte for each alphabet character.
    let bytes: [Character: UInt8]

    init() {
        var printable = Array(33...126) + Array(161...172) + Array(174...255)
        var scalars = printable
        var next = 0
        for b in 0..<256 where !printable.contains(b) {
            printable.append(b)
            scalars.append(256 + next)
            next += 1
        }
        var characters = [Character](repeating: " ", count: 256)
        var bytes: [Character: UInt8] = [:]
        for (b, s) in zip(printable, scalars) {
            let c = Character(Unicode.Scalar(UInt32(s)).map { String($0) } ?? "?")
            characters[b] = c
            bytes[c] = UInt8(b)
        }
        self.characters = characters
        self.bytes = bytes
    }
}
