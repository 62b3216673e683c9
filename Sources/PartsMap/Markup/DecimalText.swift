/// Numbers written into DOT, SVG and HTML: fixed decimals, no locale, no exponent, and never a
/// trap. A value that is not finite (NaN, infinity — e.g. a malformed Graphviz reply) is written
/// as 0, and values beyond ±1e12 are clamped, so `Int(...)` below cannot overflow.
package enum DecimalText {
    /// `value` with at most one decimal ("12", "12.5", "-0.5").
    package static func tenths(_ value: Double) -> String {
        let tenths = Int((clamped(value) * 10).rounded())
        let magnitude = tenths.magnitude
        return text(whole: magnitude / 10, fraction: magnitude % 10, digits: magnitude % 10 == 0 ? 0 : 1, negative: tenths < 0)
    }

    /// `value` with exactly three decimals, rounded down ("1.250"), as Graphviz sizes in inches.
    package static func thousandths(_ value: Double) -> String {
        let thousandths = Int((clamped(value) * 1000).rounded(.down))
        let magnitude = thousandths.magnitude
        return text(whole: magnitude / 1000, fraction: magnitude % 1000, digits: 3, negative: thousandths < 0)
    }

    /// The digits written right to left in a buffer on the stack: a picture's DOT holds
    /// thousands of numbers, and string interpolation costs several times more per number.
    private static func text(whole: UInt, fraction: UInt, digits: Int, negative: Bool) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            var at = buffer.count
            func put(_ digit: UInt) {
                at -= 1
                buffer[at] = UInt8(ascii: "0") + UInt8(digit)
            }
            var rest = fraction
            for _ in 0..<digits {
                put(rest % 10)
                rest /= 10
            }
            if digits > 0 {
                at -= 1
                buffer[at] = UInt8(ascii: ".")
            }
            rest = whole
            repeat {
                put(rest % 10)
                rest /= 10
            } while rest > 0
            if negative {
                at -= 1
                buffer[at] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeMutableBufferPointer(rebasing: buffer[at...]), as: UTF8.self)
        }
    }

    private static func clamped(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        return min(max(value, -1e12), 1e12)
    }
}
