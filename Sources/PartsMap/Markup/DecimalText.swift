/// Numbers written into DOT, SVG and HTML: fixed decimals, no locale, no exponent, and never a
/// trap. A value that is not finite (NaN, infinity — e.g. a malformed Graphviz reply) is written
/// as 0, and values beyond ±1e12 are clamped, so `Int(...)` below cannot overflow.
package enum DecimalText {
    /// `value` with at most one decimal ("12", "12.5", "-0.5").
    package static func tenths(_ value: Double) -> String {
        let tenths = Int((clamped(value) * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// `value` with exactly three decimals, rounded down ("1.250"), as Graphviz sizes in inches.
    package static func thousandths(_ value: Double) -> String {
        let thousandths = Int((clamped(value) * 1000).rounded(.down))
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = thousandths.magnitude
        let fraction = String(magnitude % 1000)
        return "\(sign)\(magnitude / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    private static func clamped(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        return min(max(value, -1e12), 1e12)
    }
}
