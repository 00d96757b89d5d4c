extension NumPyGenerator {
    /// A standard normal sample, as `Generator.standard_normal()`: NumPy's 256-layer ziggurat (Marsaglia & Tsang 2000)
    /// on one 64-bit draw (8 bits of layer, 1 sign bit, 52 bits of magnitude), with NumPy's tables and its wedge and
    /// tail fallbacks.
    /// - Complexity: O(1) expected; one draw 99.3% of the time.
    public mutating func standardNormal() -> Double {
        Ziggurat.normal(&bitGenerator)
    }

    /// A normal sample with mean `loc` and standard deviation `scale`: `loc + scale · standardNormal()`, as
    /// `Generator.normal(loc, scale)`.
    /// - Complexity: O(1) expected.
    public mutating func normal(loc: Double = 0, scale: Double = 1) -> Double {
        loc + scale * standardNormal()
    }

    /// A standard exponential sample (rate 1), as `Generator.standard_exponential()`: NumPy's 256-layer ziggurat on
    /// one 64-bit draw (the low 3 bits dropped, 8 bits of layer, 53 bits of magnitude). Gymnasium's `Box.sample`
    /// uses it for half-bounded boxes.
    /// - Complexity: O(1) expected; one draw 98.9% of the time.
    public mutating func standardExponential() -> Double {
        Ziggurat.exponential(&bitGenerator)
    }

    /// An exponential sample with mean `scale`: `scale · standardExponential()`, as `Generator.exponential(scale)`.
    /// - Complexity: O(1) expected.
    public mutating func exponential(scale: Double = 1) -> Double {
        scale * standardExponential()
    }
}
