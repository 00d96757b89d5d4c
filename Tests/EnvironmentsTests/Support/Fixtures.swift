import Foundation
import Testing
@testable import Environments

/// Loads a JSON fixture from the test bundle's `Fixtures` folder.
func loadFixture(_ name: String) throws -> JSONValue {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
        throw FixtureError(message: "fixture \(name).json not found; run the script in Scripts/fixtures/")
    }
    return try JSONParser.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self))
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension JSONValue {
    var doubles: [Double] { array?.compactMap(\.number) ?? [] }
    var bools: [Bool] {
        array?.map { value in
            if case let .bool(flag) = value { return flag }
            return (value.number ?? 0) != 0
        } ?? []
    }
    var int: Int? { number.map { Int($0) } }
}

/// Float32 values from their bit patterns.
func floatsFromBits(_ value: JSONValue) -> [Float] {
    value.doubles.map { Float(bitPattern: UInt32($0)) }
}

/// The distance in units of last place between two floats.
func ulpDistance(_ a: Float, _ b: Float) -> Int {
    if a == b { return 0 }
    let ia = Int(Int32(bitPattern: a.bitPattern)), ib = Int(Int32(bitPattern: b.bitPattern))
    let oa = ia < 0 ? Int(Int32.min) - ia : ia, ob = ib < 0 ? Int(Int32.min) - ib : ib
    return abs(oa - ob)
}
