import Testing
@testable import PartsMap

/// Labels in pictures wrap instead of being cut, in lines as even as their number allows.
@Suite("Text in pictures: wrapping")
struct TextMetricsTests {
    /// The example's Fog: its role line no longer ends in a line of one short word.
    @Test func aLabelNeverEndsInOneShortWord() {
        let text = "manager, age feels about 8; says it came the winter dad left"
        let greedy = TextMetrics.wrapped(text, limit: 30, maximumLines: 3)
        let balanced = TextMetrics.wrapped(text, limit: 30, maximumLines: 3, balanced: true)
        #expect(greedy.last == "left")
        #expect(balanced.count == greedy.count)
        #expect(balanced.allSatisfy { $0.split(separator: " ").count > 1 })
    }

    /// Over generated texts: balanced lines keep every word in order, take as many lines as
    /// greedy ones, stay within the limit, and their longest line is never longer.
    @Test func balancedLinesKeepTheWordsAndTheirNumber() {
        var random = SplitMix64(seed: 7)
        let words = ["a", "an", "the", "Fog", "little", "protector", "firefighter", "remembers", "8;", "winter", "x", "extraordinarily"]
        for _ in 0..<2_000 {
            let count = Int(random.next() % 14) + 1
            let text = (0..<count).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
            let limit = Int(random.next() % 25) + 6
            let lines = Int(random.next() % 4) + 1
            let greedy = TextMetrics.wrapped(text, limit: limit, maximumLines: lines)
            let balanced = TextMetrics.wrapped(text, limit: limit, maximumLines: lines, balanced: true)
            #expect(balanced.count == greedy.count, "\(text) at \(limit)")
            #expect(balanced.allSatisfy { $0.count <= limit }, "\(text) at \(limit)")
            #expect((balanced.map(\.count).max() ?? 0) <= (greedy.map(\.count).max() ?? 0), "\(text) at \(limit)")
            if !(greedy.last?.hasSuffix("…") ?? false) {
                #expect(balanced.joined(separator: " ").split(separator: " ") == greedy.joined(separator: " ").split(separator: " "),
                        "\(text) at \(limit)")
            }
        }
    }
}
