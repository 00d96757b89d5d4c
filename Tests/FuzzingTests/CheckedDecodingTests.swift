import Environments
import Tensor
import Testing

@Suite struct CheckedDecodingTests {
    @Test func integerConversionThrowsNamingTheFieldInsteadOfTrapping() throws {
        #expect(try CheckedDecoding.integer(Float(3), field: "a", file: "f") == 3)
        for bad in [Double.nan, .infinity, -.infinity, 1e300, 2.5] {
            let error = #expect(throws: InputValidationError.self) {
                try CheckedDecoding.integer(bad, field: "environment.actions[4]", file: "step_64.safetensors")
            }
            #expect(error?.description.contains("step_64.safetensors: `environment.actions[4]`") == true)
        }
        #expect(throws: InputValidationError.self) {
            try CheckedDecoding.integer(7.0, field: "a", file: "f", range: 0...5)
        }
    }

    @Test func byteRangesAndShapesDetectOverflow() throws {
        #expect(try CheckedDecoding.byteRange(offset: 2, length: 3, within: 5, field: "d", file: "f") == 2..<5)
        #expect(throws: InputValidationError.self) {
            try CheckedDecoding.byteRange(offset: Int.max, length: 2, within: 5, field: "d", file: "f")
        }
        #expect(throws: InputValidationError.self) {
            try CheckedDecoding.byteRange(offset: UInt64(1) << 63, length: 0, within: 5, field: "d", file: "f")
        }
        #expect(try CheckedDecoding.elementCount([2, 3], field: "s", file: "f") == 6)
        #expect(throws: InputValidationError.self) {
            try CheckedDecoding.elementCount([1 << 40, 1 << 40], field: "s", file: "f")
        }
        #expect(throws: InputValidationError.self) { try CheckedDecoding.elementCount([-1], field: "s", file: "f") }
    }

    @Test func bracketDepthIsBounded() throws {
        try CheckedDecoding.checkBracketDepth("{\"a\": [[1], \"[[[[\"]}", limit: 3, file: "f")
        #expect(throws: InputValidationError.self) {
            try CheckedDecoding.checkBracketDepth(String(repeating: "[", count: 10_000), file: "f.json")
        }
    }

    @Test func actionStringsWithNaNOrHugeValuesAreErrors() throws {
        let discrete = Space.discrete(try DiscreteSpace(2))
        #expect(try ActionList.parse("0,1", for: discrete, source: "--actions") == [.int(0), .int(1)])
        for bad in ["nan", "1e300", "inf", "0,x", "1.5"] {
            #expect(throws: InputValidationError.self) { try ActionList.parse(bad, for: discrete, source: "--actions") }
        }
    }
}
