import Testing
@testable import PartsMap

/// The eight-bytes-at-a-time scans give exactly what a plain loop over the bytes gives.
@Suite("ByteScan: word-at-a-time scans")
struct ByteScanTests {
    /// Bytes that matter to the scans, and plain text around them.
    private static let alphabet: [UInt8] = Array("ab #,:\t\n".utf8) + [0x00, 0x01, 0x0D, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xC3, 0xA9, 0xFF]

    private static func isUnusual(_ byte: UInt8) -> Bool {
        (byte >= 0x80 || byte < 0x20 || byte == 0x7F) && byte != UInt8(ascii: "\t")
    }

    /// Random texts of every length up to 40, mostly plain letters with a few bytes that matter.
    private static func texts(seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        return (0..<2000).map { index in
            (0..<(index % 41)).map { _ in
                Int.random(in: 0..<4, using: &rng) == 0 ? alphabet.randomElement(using: &rng) ?? 0 : UInt8(ascii: "x")
            }
        }
    }

    @Test func linesAndPlainnessAreThoseOfAPlainLoop() {
        for bytes in Self.texts(seed: 18) {
            var starts: [Int] = []
            let isPlain = bytes.withUnsafeBytes { ByteScan.findLines(in: $0, lineStarts: &starts) }
            let expectedStarts = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
            let expectedPlain = !bytes.contains { $0 != UInt8(ascii: "\n") && Self.isUnusual($0) }
            #expect(starts == expectedStarts, "\(bytes)")
            #expect(isPlain == expectedPlain, "\(bytes)")
        }
    }

    @Test func firstUnusualByteIsThatOfAPlainLoop() {
        for bytes in Self.texts(seed: 19) {
            for start in [0, bytes.count / 3] {
                let end = bytes.count - bytes.count / 5
                guard start <= end else { continue }
                let found = bytes.withUnsafeBytes { ByteScan.firstUnusual(in: $0, from: start, to: end) }
                let expected = (start..<end).first { Self.isUnusual(bytes[$0]) } ?? end
                #expect(found == expected, "\(bytes) from \(start) to \(end)")
            }
        }
    }

    /// A text block, a plain map and the same map with CR LF endings, a BOM or a UTF-8 letter read
    /// the same way; only the plain one skips the line-by-line check, which must not change a thing.
    @Test func plainAndOtherTextsReadAlike() {
        let map = "partsmap 1\npart fog: Fog\n  note:\n    one\n\n    two\n\n"
        let plain = SourceText(map)
        #expect(plain.isPlainText)
        for variant in [map.replacingLinefeeds(with: "\r\n"), "\u{FEFF}" + map, map.replacingFirst("one", with: "öne")] {
            #expect(!SourceText(variant).isPlainText)
        }
        let parsed = MapParser.parse(plain)
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.map.parts.first?.notes == ["one\n\ntwo"])
        let crlf = MapParser.parse(map.replacingLinefeeds(with: "\r\n"))
        #expect(crlf.map == parsed.map)
        #expect(crlf.locations == parsed.locations)
    }
}

private extension String {
    func replacingLinefeeds(with ending: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: ending)
    }

    func replacingFirst(_ target: String, with replacement: String) -> String {
        var text = self
        if let range = text.firstRange(of: target) { text.replaceSubrange(range, with: replacement) }
        return text
    }
}
