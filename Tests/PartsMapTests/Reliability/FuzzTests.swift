import Foundation
import Testing
@testable import PartsMap

extension Reliability {
    /// Seeded mutation fuzzing of the reader over the real example maps.
    ///
    /// Each input is one of the example maps (Examples/*.parts, docs/legend.parts) with one to six
    /// random mutations stacked (mostly one or two): bit and byte flips, deleted, duplicated,
    /// swapped and re-indented lines (spaces, tabs, mixed), truncation, random valid UTF-8,
    /// invalid UTF-8, NUL and CR bytes, format tokens, spliced ranges. Every input must give a map or diagnostics whose line:column
    /// lie inside the input, without trapping; a map read without errors must print and read back
    /// to the same model; warnings must point inside the input too.
    ///
    /// A failure names the partition and input index: `FuzzTests.input(partition:index:)` rebuilds
    /// that exact input.
    @Suite("Reliability: mutation fuzzing")
    struct FuzzTests {
        /// Inputs per run: `partitions.count × inputsPerPartition` (≥ 10,000).
        static let partitions: [UInt64] = Array(0..<8)
        static let inputsPerPartition = 1_250

        static let seeds: [(name: String, bytes: [UInt8])] = {
            let root = TestSupport.packageRoot
            return ["Examples/numbness.parts", "Examples/first-map.parts", "docs/legend.parts"].map { path in
                (path, Reliability.bytes(of: root.appendingPathComponent(path).path))
            }
        }()

        /// Rebuilds input `index` of `partition`: the same seed map and mutations every run.
        static func input(partition: UInt64, index: Int) -> (bytes: [UInt8], seed: String, mutations: [String]) {
            var mutator = Mutator(seed: partition &* 1_000_003 &+ UInt64(index))
            // The big example is the richest but the slowest to read: a fifth of the inputs.
            let seedIndex = mutator.pickWeighted([20, 45, 35])
            let seed = seeds[seedIndex]
            var bytes = seed.bytes
            var applied: [String] = []
            // Mostly one or two mutations, so that many inputs still read cleanly and reach the
            // printer; sometimes up to six, to reach stranger states.
            for _ in 0..<[1, 1, 1, 2, 2, 3, 4, 6][mutator.int(0...7)] {
                applied.append(mutator.mutate(&bytes, donor: seeds[mutator.int(0...seeds.count - 1)].bytes))
            }
            return (bytes, seed.name, applied)
        }

        struct Outcome {
            var inputs = 0
            var withErrors = 0
            var withoutErrors = 0
            var failures: [String] = []
        }

        /// Checks one input; appends what went wrong to `outcome.failures`.
        static func check(_ bytes: [UInt8], label: @autoclosure () -> String, into outcome: inout Outcome) {
            outcome.inputs += 1
            let source = SourceText(bytes)
            let parsed = MapParser.parse(source)
            if let problem = Reliability.positionsOutside(bytes, parsed.diagnostics) {
                outcome.failures.append("\(label()): \(problem)")
            }
            if parsed.diagnostics.count > MapParser.errorLimit + 1 {
                outcome.failures.append("\(label()): \(parsed.diagnostics.count) diagnostics, more than the limit")
            }
            // Formatting shows each diagnostic's line with a caret: it must not trap either (the first
            // few are enough; the rest format the same way and only cost time).
            let formatted = DiagnosticFormatter(fileName: "fuzz.parts", source: source).format(Array(parsed.diagnostics.prefix(8)))
            if parsed.hasErrors {
                outcome.withErrors += 1
                if !formatted.contains("fuzz.parts:") { outcome.failures.append("\(label()): errors formatted without a position") }
                return
            }
            outcome.withoutErrors += 1
            let map = parsed.map
            let warnings = MapChecker.check(map, locations: parsed.locations)
            if let problem = Reliability.positionsOutside(bytes, warnings) {
                outcome.failures.append("\(label()): warning \(problem)")
            }
            let printed = MapPrinter.print(map)
            let reread = MapParser.parse(printed)
            if reread.hasErrors {
                outcome.failures.append("\(label()): the printed map has errors \(reread.errors.map { "\($0.location) \($0.message)" })\n\(printed)")
            } else if reread.map != map {
                outcome.failures.append("\(label()): the printed map reads back as a different model\n\(printed)")
            }
        }

        @Test(arguments: partitions)
        func mutatedExamplesAreReadSafely(partition: UInt64) {
            var outcome = Outcome()
            for index in 0..<Self.inputsPerPartition {
                let (bytes, seed, mutations) = Self.input(partition: partition, index: index)
                Self.check(bytes, label: "partition \(partition) input \(index) (\(seed) after \(mutations.joined(separator: ", "))): "
                           + Reliability.escaped(bytes, limit: 300), into: &outcome)
            }
            #expect(outcome.inputs == Self.inputsPerPartition)
            #expect(outcome.failures.isEmpty, "\(outcome.failures.count) failures; first: \(outcome.failures.first ?? "")")
            // The mutations must exercise both paths, or the fuzzer says little.
            #expect(outcome.withErrors > Self.inputsPerPartition / 10, "only \(outcome.withErrors) inputs had errors")
            #expect(outcome.withoutErrors > Self.inputsPerPartition / 10, "only \(outcome.withoutErrors) inputs read cleanly")
            print("fuzz: partition \(partition): \(outcome.inputs) inputs, \(outcome.withoutErrors) read without errors, "
                  + "\(outcome.withErrors) with errors, \(outcome.failures.count) failures")
        }

        @Test func atLeastTenThousandInputsPerRun() {
            #expect(Self.partitions.count * Self.inputsPerPartition >= 10_000)
            #expect(Self.seeds.allSatisfy { !$0.bytes.isEmpty }, "every seed map is found")
            #expect(Self.seeds.allSatisfy { !MapParser.parse(SourceText($0.bytes)).hasErrors }, "the seeds are valid maps")
        }

        @Test func inputsAreReproducible() {
            let first = Self.input(partition: 3, index: 17)
            let again = Self.input(partition: 3, index: 17)
            #expect(first.bytes == again.bytes && first.mutations == again.mutations)
            #expect(Self.input(partition: 3, index: 18).bytes != first.bytes)
        }

        /// Every kind of mutation is drawn, and each one changes the input.
        @Test func everyMutationIsExercised() {
            var seen: Set<String> = []
            for index in 0..<2_000 {
                seen.formUnion(Self.input(partition: 99, index: index).mutations.map { String($0.prefix { $0 != "@" && $0 != "(" }) })
            }
            #expect(seen == Set(Mutator.kinds), "missing: \(Set(Mutator.kinds).subtracting(seen))")
        }

        /// An input for a parameterised test, shown escaped in the test's name.
        struct Sample: CustomTestStringConvertible, Sendable {
            var text: String
            var testDescription: String { Reliability.escaped(Array(text.utf8), limit: 60) }
        }

        /// Inputs that have broken readers elsewhere, checked by hand on top of the random ones.
        @Test(arguments: [
            "", "\n", "\r", "\r\n", "\u{FEFF}", "\u{FEFF}\n", "\0", "partsmap 1", "partsmap 1\r", "partsmap 1\r\r\n",
            "\u{FEFF}partsmap 1\npart a\u{0}", "partsmap 1\n\tpart a", "partsmap 1\npart a\n  note:\n\t\tx\n    y",
            "partsmap 1\npart a:\"\\u{", "partsmap 1\npart a: \"\\u{110000}\"", "partsmap 1\npart a: \"\\u{D800}\"",
            "partsmap 1\na protects", "partsmap 1\nsession 0000-00-00", "partsmap 1\nsession 9999-12-31:\n  self: calm 99999999999999999999",
            "partsmap 1\n" + String(repeating: "part a\n", count: 300), "partsmap 1\n" + String(repeating: "\u{1}\n", count: 500),
            "partsmap 1\npart a\n  note:" + String(repeating: "\n    x", count: 2) + "\n  \n\n",
        ].map(Sample.init))
        func handPickedInputs(sample: Sample) {
            var outcome = Outcome()
            Self.check(Array(sample.text.utf8), label: sample.testDescription, into: &outcome)
            #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        }

        /// The position check itself catches positions outside the input.
        @Test func positionCheckRejectsPositionsOutside() {
            let bytes = Array("partsmap 1\r\n\u{FEFF}é😀\n".utf8)
            func at(_ line: Int, _ column: Int) -> [Diagnostic] { [.error("x", at: PartsMap.SourceLocation(line: line, column: column))] }
            #expect(Reliability.positionsOutside(bytes, at(1, 11)) == nil)
            #expect(Reliability.positionsOutside(bytes, at(1, 12)) != nil, "the CR is not part of line 1")
            #expect(Reliability.positionsOutside(bytes, at(2, 4)) == nil, "a BOM after line 1 is a character")
            #expect(Reliability.positionsOutside(bytes, at(2, 5)) != nil)
            #expect(Reliability.positionsOutside(bytes, at(3, 1)) != nil, "a final line feed starts no line")
            #expect(Reliability.positionsOutside(bytes, at(0, 1)) != nil)
            #expect(Reliability.positionsOutside(bytes, at(1, 0)) != nil)
            #expect(Reliability.positionsOutside([], at(1, 1)) == nil, "an empty file has a line 1 to point at")
            #expect(Reliability.positionsOutside([], at(1, 2)) != nil)
        }

        /// Found by the libFuzzer target (Fuzz/ParserFuzzer.swift), now fixed: when reading stopped
        /// at the error limit and the map also named parts that are not defined, the reader added
        /// a second "too many errors" note ("stopped reporting unknown parts", at the first
        /// unknown reference, above errors still listed after it): 202 diagnostics where the
        /// format promises at most 200 errors and one note.
        @Test func theErrorLimitIsReportedOnce() {
            let text = "partsmap 1\nfog protects little\n" + String(repeating: "???\n", count: 201)
            let parsed = MapParser.parse(text)
            let notes = parsed.diagnostics.filter { $0.message.hasPrefix("too many errors") }
            #expect(parsed.diagnostics.count - notes.count == MapParser.errorLimit)
            #expect(notes.count == 1, "\(notes.map { "\($0.location) \($0.message)" })")
            #expect(parsed.diagnostics.count <= MapParser.errorLimit + 1)
        }

        @Test func invalidUTF8InEveryPosition() {
            // An invalid sequence (or a lone lead byte) at each byte offset of a small map.
            let base = Array("partsmap 1\npart fog: The Fog\n  note: a é 😀\nfog blends self: x\n".utf8)
            var outcome = Outcome()
            for bad: [UInt8] in [[0xFF], [0xC3], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] {
                for offset in 0...base.count {
                    var bytes = base
                    bytes.insert(contentsOf: bad, at: offset)
                    Self.check(bytes, label: Reliability.escaped(bytes), into: &outcome)
                }
            }
            #expect(outcome.failures.isEmpty, "\(outcome.failures.count) failures; first: \(outcome.failures.first ?? "")")
        }
    }
}

/// The mutations. Deterministic from its seed.
struct Mutator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed ^ 0x5EED_F022) }

    static let kinds = ["flip-bit", "random-byte", "delete-line", "duplicate-line", "swap-lines", "indent",
                        "truncate", "utf8", "invalid-utf8", "nul", "cr", "token", "delete-range", "splice"]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

    mutating func pickWeighted(_ weights: [Int]) -> Int {
        var roll = int(0...weights.reduce(0, +) - 1)
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// Scalars that are valid UTF-8 but unusual: combining marks, RTL, BOM, separators, emoji,
    /// non-characters, private use, the last scalar.
    static let interestingScalars: [Unicode.Scalar] = [
        "\u{301}", "\u{5D0}", "\u{627}", "\u{202E}", "\u{200D}", "\u{FEFF}", "\u{2028}", "\u{2029}", "\u{85}", "\u{A0}",
        "\u{3000}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{E000}", "\u{1F32B}", "\u{1F468}", "\u{10FFFF}", "\u{7F}", "\u{1B}",
        "é", "ß", "日",
    ]

    static let invalidSequences: [[UInt8]] = [
        [0xFF], [0xFE], [0xC0, 0x80], [0xC1, 0xBF], [0x80], [0xBF], [0xC3], [0xE2, 0x82], [0xE2, 0x28, 0xA1],
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xF0, 0x9F, 0x98],
    ]

    /// Pieces of the format's syntax, so that mutations reach deep into the reader.
    static let tokens: [String] = [
        ":", " : ", "#", "  # c", " #", "\"", "\"\"", "\\", "\\n", "\\u{", "\\u{1F600}", "\\q", ",", ",,", "->", " -> ",
        "part ", "part x: X\n", "session 2026-02-30: ", "session 2026-01-01\n", "self", "self\n", "partsmap 1\n", "partsmap 2\n",
        "title: ", "x-", "x-a: b\n", "  note:\n", "    block line\n", "  status fog: known -> befriended\n", "  self: calm 5\n",
        " protects ", " polarized ", "  role: exile\n", "  burden legacy witnessed: ", "  present: fog, little\n",
        "  6fs fog: befriend\n", "  unburdening little: witnessing\n", "\t", "  ", "\n\n", "99999999999999999999",
    ]

    /// The byte range of each line, its line feed included (a final line without one counts too).
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for offset in Reliability.newlineOffsets(bytes) {
            ranges.append(start..<offset + 1)
            start = offset + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    /// Applies one random mutation; returns its name (and where).
    mutating func mutate(_ bytes: inout [UInt8], donor: [UInt8]) -> String {
        let kind = pick(Self.kinds)
        let position = bytes.isEmpty ? 0 : int(0...bytes.count)
        let lines = ["delete-line", "duplicate-line", "indent", "swap-lines", "cr"].contains(kind) ? Self.lineRanges(bytes) : []
        switch kind {
        case "flip-bit":
            guard position < bytes.count else { return kind }
            bytes[position] ^= 1 << UInt8(int(0...7))
        case "random-byte":
            guard position < bytes.count else { return kind }
            bytes[position] = UInt8(int(0...255))
        case "delete-line", "duplicate-line", "indent":
            guard !lines.isEmpty else { return kind }
            let line = lines[int(0...lines.count - 1)]
            if kind == "delete-line" {
                bytes.removeSubrange(line)
            } else if kind == "duplicate-line" {
                var copy = Array(bytes[line])
                if copy.last != 0x0A { copy.append(0x0A) }
                bytes.insert(contentsOf: copy, at: line.lowerBound)
            } else {
                var indentEnd = line.lowerBound
                while indentEnd < line.upperBound, bytes[indentEnd] == 0x20 || bytes[indentEnd] == 0x09 { indentEnd += 1 }
                let indentations: [[UInt8]] = [[], [0x20], [0x20, 0x20], [0x20, 0x20, 0x20, 0x20, 0x20], [0x09], [0x09, 0x09],
                                               [0x20, 0x09], [0x09, 0x20, 0x20], Array(repeating: 0x20, count: int(6...40))]
                let replacement = pick(indentations)
                bytes.replaceSubrange(line.lowerBound..<indentEnd, with: replacement)
                return "\(kind)@\(line.lowerBound)(\(replacement.count))"
            }
        case "swap-lines":
            guard lines.count >= 2 else { return kind }
            let first = int(0...lines.count - 2)
            let second = int(first + 1...lines.count - 1)
            var a = Array(bytes[lines[first]]), b = Array(bytes[lines[second]])
            if a.last != 0x0A { a.append(0x0A) }
            if b.last != 0x0A { b.append(0x0A) }
            bytes.replaceSubrange(lines[second], with: a)
            bytes.replaceSubrange(lines[first], with: b)
        case "truncate":
            bytes.removeSubrange(position...)
        case "utf8":
            let scalar = int(0...2) == 0
                ? Unicode.Scalar(UInt32(int(0x80...0x10FFFF))) ?? "\u{FFFD}"  // nil for surrogates
                : pick(Self.interestingScalars)
            bytes.insert(contentsOf: Array(String(scalar).utf8), at: position)
        case "invalid-utf8":
            bytes.insert(contentsOf: pick(Self.invalidSequences), at: position)
        case "nul":
            bytes.insert(0, at: position)
        case "cr":
            switch int(0...2) {
            case 0: bytes.insert(0x0D, at: position)
            case 1:  // turn a line end into CRLF
                if let line = lines.isEmpty ? nil : lines[int(0...lines.count - 1)], bytes[line.upperBound - 1] == 0x0A {
                    bytes.insert(0x0D, at: line.upperBound - 1)
                }
            default:  // CR-only line ends everywhere after this point
                for index in Reliability.newlineOffsets(bytes) where index >= position { bytes[index] = 0x0D }
            }
        case "token":
            bytes.insert(contentsOf: Array(pick(Self.tokens).utf8), at: position)
        case "delete-range":
            guard position < bytes.count else { return kind }
            bytes.removeSubrange(position..<min(bytes.count, position + int(1...200)))
        default:  // "splice": a run of bytes from another example map
            guard !donor.isEmpty else { return kind }
            let start = int(0...donor.count - 1)
            bytes.insert(contentsOf: donor[start..<min(donor.count, start + int(1...400))], at: position)
        }
        return "\(kind)@\(position)"
    }
}
