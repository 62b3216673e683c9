/// Reads the `.parts` text format (see docs/format.md) into a `SystemMap`.
///
/// The parser is hand-written and line-oriented. It never traps, whatever the bytes: it reports
/// every problem it finds as a diagnostic with a line and column and carries on with the next
/// line, so a person sees all their mistakes at once.
public enum MapParser {
    /// Stop after this many errors: past it, the input is probably not a map at all.
    public static let errorLimit = 200

    /// Parses a file's bytes: the map, its diagnostics (up to `errorLimit` errors), and where
    /// each item is.
    public static func parse(_ source: SourceText) -> ParsedMap {
        var parser = Parser(source: source)
        parser.run()
        return ParsedMap(map: parser.finishedMap(), diagnostics: parser.diagnostics, locations: parser.locations,
                         headerLine: parser.headerLine)
    }

    /// Parses text already in memory, as `parse(SourceText(text))` would.
    public static func parse(_ text: String) -> ParsedMap {
        parse(SourceText(text))
    }
}

private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")
private let hash = UInt8(ascii: "#")
private let colon = UInt8(ascii: ":")
private let quote = UInt8(ascii: "\"")
private let comma = UInt8(ascii: ",")
private let backslash = UInt8(ascii: "\\")

private func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }

private func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
}

/// Words the reader recognises straight from the file's bytes, so that it does not make a String
/// (and hash or compare it) for every key it meets.
private struct WordList {
    /// The words, in the order given.
    let words: [String]
    private let utf8: [[UInt8]]

    init(_ words: [String]) {
        // Comparing bytes is comparing Strings only for text that no other text equals under
        // Unicode canonical equivalence: ASCII without `K`, `;` and `` ` `` (U+212A, U+037E and
        // U+1FEF are equal to those).
        assert(words.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 && !"K;`".utf8.contains($0) } })
        self.words = words
        self.utf8 = words.map { Array($0.utf8) }
    }

    /// The position in the list of the word spelled by `text`, if it is one.
    func index<Bytes: Collection<UInt8>>(of text: Bytes) -> Int? {
        let count = text.count
        return utf8.firstIndex { $0.count == count && $0.elementsEqual(text) }
    }
}

/// The cases of a `String`-backed enumeration, found from the bytes of their raw values: what
/// `Choice(rawValue:)` finds, without making a String of the word first.
private struct Choices<Choice: RawRepresentable & CaseIterable & Sendable>: Sendable where Choice.RawValue == String {
    private let cases: [Choice]
    private let words: WordList

    init(_ type: Choice.Type) {
        cases = Array(type.allCases)
        words = WordList(cases.map(\.rawValue))
    }

    func value<Bytes: Collection<UInt8>>(_ text: Bytes) -> Choice? {
        words.index(of: text).map { cases[$0] }
    }
}

/// The keys of `PartFieldSpec.all`, in its order.
private let partFieldKeys = WordList(PartFieldSpec.keys)
private let sessionFieldKeys = WordList(SessionField.Value.knownKeys)
private let roles = Choices(Role.self)
private let partStatuses = Choices(PartStatus.self)
private let relationshipKinds = Choices(Relationship.Kind.self)
private let selfQualities = Choices(SelfQuality.self)
private let selfPresenceQualities = Choices(SelfPresenceQuality.self)
private let sixFsSteps = Choices(SixFsStep.self)
private let unburdeningSteps = Choices(UnburdeningStep.self)
private let stepProgresses = Choices(StepProgress.self)
private let permissionAnswers = Choices(PermissionAnswer.self)
private let unblendingOutcomes = Choices(UnblendingOutcome.self)

private struct Parser {
    let source: SourceText
    let bytes: [UInt8]
    var diagnostics: [Diagnostic] = []
    var locations: [ItemLocation] = []
    private var errorCount = 0
    /// Whether the "too many errors" note is already there.
    private var limitNoted = false
    private var items: [MapItem] = []
    private var headerComments = Comments()
    private var sawHeader = false
    /// Whether the first line really was the `partsmap` line (not just reported missing).
    private var hasHeader = false
    private(set) var headerLine = 0
    private var pendingComments: [String] = []
    /// The line of the first pending comment, and of the comments `takeComments` handed out last.
    private var pendingCommentLine: Int?
    private var takenCommentLine = 0
    private var open: OpenBlock = .none
    /// The fields of the open block and where they are, gathered here and moved into the item when
    /// the block closes. Each new buffer starts with room for as many fields as the last block of
    /// its kind had: maps repeat their shapes, so most blocks fill their arrays without growing.
    private var partFields: [PartField] = []
    private var sessionFields: [SessionField] = []
    private var selfFields: [SelfField] = []
    private var fieldStarts: [SourceLocation] = []
    private var fieldLines: [ClosedRange<Int>] = []
    /// The last line of the open block so far (its header line, then its last field's).
    private var openLastLine = 0
    /// For each single-valued part field (by its index in `PartFieldSpec.all`), the line that
    /// gave it in the open part; 0 when not given yet.
    private var singleFieldLines = [Int](repeating: 0, count: PartFieldSpec.all.count)
    private var definedParts: [PartID: Int] = [:]
    /// IDs of parts whose header line had an error: neither defined nor worth "unknown part" errors.
    private var brokenPartIDs: Set<PartID> = []
    private var references: [(id: PartID, location: SourceLocation)] = []
    private var selfBlockLine: Int?
    private var titleLine: Int?
    private var lineNumber = 0
    private var line: Range<Int> = 0..<0

    private enum OpenBlock {
        case none
        /// A block whose header line had an error: its fields are skipped, not reported again.
        case skipped
        /// The item as its header line gave it; its fields are in `partFields` and the like.
        case part(Part, ItemLocation)
        case session(Session, ItemLocation)
        case selfBlock(SelfBlock, ItemLocation)
    }

    init(source: SourceText) {
        self.source = source
        self.bytes = source.bytes
    }

    // MARK: Driving

    mutating func run() {
        var number = 1
        let count = source.lineCount
        while number <= count, errorCount < MapParser.errorLimit {
            guard var range = source.lineRange(number) else { break }
            if number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { range = min(3, range.upperBound)..<range.upperBound }
            lineNumber = number
            line = range
            validateEncoding()
            number = processLine(following: number + 1)
        }
        if errorCount >= MapParser.errorLimit && number <= count {
            limitNoted = true
            diagnostics.append(.error("too many errors (\(MapParser.errorLimit)); stopped reading here",
                                      at: SourceLocation(line: lineNumber, column: 1)))
        }
        if !sawHeader && errorCount < MapParser.errorLimit {
            error("a map starts with the line 'partsmap 1' (the format version)", at: SourceLocation(line: 1, column: 1))
        }
        closeBlock()
        resolveReferences()
        diagnostics.sort { $0.location < $1.location }
    }

    mutating func finishedMap() -> SystemMap {
        SystemMap(items: items, headerComments: headerComments, closingComments: pendingComments)
    }

    private mutating func error(_ message: String, at location: SourceLocation) {
        errorCount += 1
        if errorCount <= MapParser.errorLimit {
            diagnostics.append(.error(message, at: location))
        }
    }

    private mutating func error(_ message: String, atOffset offset: Int) {
        error(message, at: location(offset))
    }

    private func location(_ offset: Int) -> SourceLocation {
        var column = 1
        var index = line.lowerBound
        while index < offset && index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(line: lineNumber, column: column)
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Processes the current line; returns the number of the next line to read.
    private mutating func processLine(following next: Int) -> Int {
        var position = line.lowerBound
        while position < line.upperBound, isBlank(bytes[position]) { position += 1 }
        if position == line.upperBound { return next }  // blank line
        if bytes[position] == hash {
            if pendingComments.isEmpty { pendingCommentLine = lineNumber }
            pendingComments.append(text(position + 1..<line.upperBound))
            return next
        }
        let indent = line.lowerBound..<position
        if !sawHeader {
            if readHeader(at: position) { return next }
            sawHeader = true  // reported once; read the rest as a map anyway
        }
        if indent.isEmpty {
            closeBlock()
            return readTopLevel(at: position, next: next)
        }
        return readField(at: position, indent: indent, next: next)
    }

    // MARK: Encoding

    /// Reports the first control character or invalid UTF-8 sequence on the line.
    private mutating func validateEncoding() {
        guard !source.isPlainText else { return }
        var index = line.lowerBound
        let end = line.upperBound
        // Fast path: most lines are printable ASCII; only look closer from the first byte that is not.
        index = bytes.withUnsafeBytes { ByteScan.firstUnusual(in: $0, from: index, to: end) }
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                if (byte < 0x20 && byte != tab) || byte == 0x7F {
                    let hex = String(byte, radix: 16, uppercase: true)
                    if byte == 0 {
                        error("NUL byte: this does not look like a text file", atOffset: index)
                    } else {
                        error("control character U+\(String(repeating: "0", count: 4 - hex.count))\(hex) is not allowed; inside quotes write \\u{\(hex)}",
                              atOffset: index)
                    }
                    return
                }
                index += 1
                continue
            }
            let length = utf8SequenceLength(at: index, end: end)
            if length == 0 {
                error("invalid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))); save the map as UTF-8",
                      atOffset: index)
                return
            }
            index += length
        }
    }

    private func utf8SequenceLength(at index: Int, end: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard index + length <= end else { return 0 }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            let (min, max) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= min, byte <= max else { return 0 }
        }
        return length
    }

    // MARK: Header

    /// Reads `partsmap 1`. Returns false (after reporting) when the line is something else.
    private mutating func readHeader(at start: Int) -> Bool {
        var position = start
        let word = readWord(&position)
        guard text(word) == "partsmap" else {
            error("a map starts with the line 'partsmap 1' (the format version)", atOffset: start)
            return false
        }
        sawHeader = true
        hasHeader = true
        headerLine = lineNumber
        skipBlanks(&position)
        let numberStart = position
        let digits = readWord(&position)
        guard let version = Int(text(digits)) else {
            error("expected the format version after 'partsmap', as in 'partsmap 1'", atOffset: numberStart)
            return true
        }
        guard version == SystemMap.formatVersion else {
            error("this map is in format version \(version); this partsmap reads version \(SystemMap.formatVersion)",
                  atOffset: numberStart)
            return true
        }
        headerComments = Comments(leading: pendingComments, trailing: readTrailing(&position, after: "the format version"))
        pendingComments = []
        return true
    }

    // MARK: Top-level items

    private mutating func readTopLevel(at start: Int, next: Int) -> Int {
        var position = start
        let firstWord = readWord(&position)
        let word = text(firstWord)
        var afterWord = position
        skipBlanks(&afterWord)
        if afterWord < line.upperBound, bytes[afterWord] == colon, !firstWord.isEmpty {
            if ["part", "session", "self"].contains(word) {
                let form = ["part": "part ID: Name", "session": "session YYYY-MM-DD: Title", "self": "self"][word] ?? word
                error("'\(word)' starts a block, written '\(form)' with the fields indented below", atOffset: start)
                open = .skipped
                return next
            }
            return readMapField(key: word, keyStart: start, valueStart: afterWord + 1, next: next)
        }
        switch word {
        case "partsmap":
            if hasHeader {
                error("the 'partsmap' version line may appear only once, at the top", atOffset: start)
            }
            return next
        case "part":
            readPartHeader(at: position, start: start)
            return next
        case "session":
            readSessionHeader(at: position, start: start)
            return next
        case "self" where restIsEmpty(position):
            readSelfHeader(at: position, start: start)
            return next
        case "burden" where !startsRelationship(after: position):
            return readUnattachedBurden(at: start, afterKey: position, next: next)
        default:
            readRelationship(at: start)
            return next
        }
    }

    /// Whether the word after `position` is a relationship kind, as in `burden protects little`
    /// (a part may be called `burden`); otherwise a top-level `burden` line is a burden.
    private func startsRelationship(after position: Int) -> Bool {
        var position = position
        skipBlanks(&position)
        return relationshipKinds.value(bytes[readWord(&position)]) != nil
    }

    private mutating func takeComments(trailing: String?) -> Comments {
        takenCommentLine = pendingComments.isEmpty ? lineNumber : (pendingCommentLine ?? lineNumber)
        defer { pendingComments = []; pendingCommentLine = nil }
        return Comments(leading: pendingComments, trailing: trailing)
    }

    private mutating func readMapField(key: String, keyStart: Int, valueStart: Int, next: Int) -> Int {
        let location = location(keyStart)
        guard MapField.knownKeys.contains(key) || isCustomKey(key) else {
            let known = MapField.knownKeys + ["part", "session", "self"]
            error(Suggestions.unknown("top-level key", key, in: known,
                                      otherwise: "the top level holds title, ignore-checks, self, part, session, relationships and 'x-' keys"),
                  at: location)
            return next
        }
        if key == "title", let previous = titleLine {
            error("the map already has a title (line \(previous))", at: location)
            return next
        }
        var position = valueStart
        var following = next
        guard let (value, trailing) = readTextValue(&position, indent: 0..<0, next: &following) else { return following }
        if key == "title" { titleLine = lineNumber }
        items.append(.field(MapField(key: key, value: value, comments: takeComments(trailing: trailing))))
        locations.append(ItemLocation(start: location, lines: takenCommentLine...(following - 1)))
        return following
    }

    private mutating func readSelfHeader(at position: Int, start: Int) {
        var position = position
        if let previous = selfBlockLine {
            error("the map already has a self block (line \(previous)); write everything about the Self there",
                  atOffset: start)
        }
        selfBlockLine = lineNumber
        let trailing = readTrailing(&position, after: "self")
        let comments = takeComments(trailing: trailing)
        open = .selfBlock(SelfBlock(comments: comments), ItemLocation(start: location(start), lines: takenCommentLine...lineNumber))
        openLastLine = lineNumber
    }

    private mutating func readPartHeader(at afterKeyword: Int, start: Int) {
        open = .skipped
        var position = afterKeyword
        skipBlanks(&position)
        let idStart = position
        let idRange = readWord(&position)
        guard let id = partID(idRange, at: idStart, purpose: "after 'part'") else { return }
        let previous = definedParts[id]
        if let previous {
            error("part '\(id)' is already defined on line \(previous)", atOffset: idStart)
        }
        // Until the header proves good, references to this ID are not reported as unknown.
        var headerIsGood = false
        defer { if !headerIsGood { brokenPartIDs.insert(id) } }
        skipBlanks(&position)
        var name: String?
        var trailing: String?
        if position < line.upperBound, bytes[position] == colon {
            position += 1
            guard let (value, comment) = readInlineText(&position) else { return }
            name = value.isEmpty && !hadQuotes ? nil : value
            trailing = comment
        } else if position < line.upperBound, bytes[position] != hash {
            error("expected ':' and a display name after the part ID, as in 'part fog: The Fog'", atOffset: position)
            return
        } else {
            trailing = readTrailing(&position, after: "the part ID")
        }
        headerIsGood = true
        if !brokenPartIDs.isEmpty { brokenPartIDs.remove(id) }
        if previous == nil { definedParts[id] = lineNumber }
        let part = Part(id: id, name: name, comments: takeComments(trailing: trailing))
        open = .part(part, ItemLocation(start: location(start), lines: takenCommentLine...lineNumber))
        openLastLine = lineNumber
        for index in singleFieldLines.indices { singleFieldLines[index] = 0 }
    }

    private mutating func readSessionHeader(at afterKeyword: Int, start: Int) {
        open = .skipped
        var position = afterKeyword
        skipBlanks(&position)
        let dateStart = position
        let dateRange = readWord(&position)
        let dateText = text(dateRange)
        guard let date = CalendarDate(dateText) else {
            if dateText.isEmpty {
                error("expected a date after 'session', as in 'session 2026-11-19: Session 11'", atOffset: dateStart)
            } else {
                error("'\(dateText)' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-19", atOffset: dateStart)
            }
            return
        }
        skipBlanks(&position)
        var title: String?
        var trailing: String?
        if position < line.upperBound, bytes[position] == colon {
            position += 1
            guard let (value, comment) = readInlineText(&position) else { return }
            title = value.isEmpty && !hadQuotes ? nil : value
            trailing = comment
        } else if position < line.upperBound, bytes[position] != hash {
            error("expected ':' and a title after the session date", atOffset: position)
            return
        } else {
            trailing = readTrailing(&position, after: "the session date")
        }
        let session = Session(date: date, title: title, comments: takeComments(trailing: trailing))
        open = .session(session, ItemLocation(start: location(start), lines: takenCommentLine...lineNumber))
        openLastLine = lineNumber
    }

    private mutating func readRelationship(at start: Int) {
        var position = start
        let fromRange = readWord(&position)
        skipBlanks(&position)
        let kindStart = position
        let kindRange = readWord(&position)
        skipBlanks(&position)
        let toStart = position
        let toRange = readWord(&position)
        guard !fromRange.isEmpty, !kindRange.isEmpty, !toRange.isEmpty else {
            let word = text(fromRange)
            let hint = Suggestions.closest(to: word, in: ["part", "session", "self", "title"])
            if let hint, !word.isEmpty {
                error("unknown item '\(word)'; did you mean '\(hint)'?", atOffset: start)
            } else {
                error("cannot read this line: expected 'part ID: name', 'session YYYY-MM-DD', 'self', "
                      + "a relationship such as 'fog protects little', or 'key: value'", atOffset: start)
            }
            return
        }
        guard let kind = relationshipKinds.value(bytes[kindRange]) else {
            let kindWord = text(kindRange)
            let kinds = Relationship.Kind.allCases.map(\.rawValue)
            error(Suggestions.unknown("relationship", kindWord, in: kinds,
                                      otherwise: "relationships are \(kinds.joined(separator: ", "))"),
                  atOffset: kindStart)
            return
        }
        guard let from = endpoint(fromRange, at: start), let to = endpoint(toRange, at: toStart) else { return }
        skipBlanks(&position)
        var note: String?
        var trailing: String?
        if position < line.upperBound, bytes[position] == colon {
            position += 1
            guard let (value, comment) = readInlineText(&position) else { return }
            note = value.isEmpty && !hadQuotes ? nil : value
            trailing = comment
        } else if position < line.upperBound, bytes[position] != hash {
            error("unexpected text after the relationship; put a note after ':', as in 'a polarized b: about rest'",
                  atOffset: position)
            return
        } else {
            trailing = readTrailing(&position, after: "the relationship")
        }
        let relationship = Relationship(from, kind, to, note: note, comments: takeComments(trailing: trailing))
        items.append(.relationship(relationship))
        locations.append(ItemLocation(start: location(start), lines: takenCommentLine...lineNumber))
    }

    private mutating func endpoint(_ range: Range<Int>, at offset: Int) -> Relationship.Endpoint? {
        if bytes[range].elementsEqual(PartID.reservedSelfWord.utf8) { return .theSelf }
        guard let id = partID(range, at: offset, purpose: "in the relationship") else { return nil }
        references.append((id, location(offset)))
        return .part(id)
    }

    private mutating func partID(_ range: Range<Int>, at offset: Int, purpose: String) -> PartID? {
        let word = text(range)
        if word.isEmpty {
            error("expected a part ID \(purpose)", atOffset: offset)
            return nil
        }
        if word == PartID.reservedSelfWord {
            error("'self' is the Self, not a part; pick another ID", atOffset: offset)
            return nil
        }
        if PartID.isReserved(word) {
            error("'\(word)' is a word of the map format and cannot be a part ID; pick another", atOffset: offset)
            return nil
        }
        guard let id = PartID(word) else {
            error("'\(word)' is not a valid part ID: use letters, digits, '-' and '_' (at most 64), starting with a letter or digit",
                  atOffset: offset)
            return nil
        }
        return id
    }

    private mutating func closeBlock() {
        // Take the block out (a swap moves it) so that its item is not copied.
        var block = OpenBlock.none
        swap(&block, &open)
        switch consume block {
        case .none, .skipped: break
        case .part(var part, let location):
            part.fields = Self.take(&partFields)
            items.append(.part(part)); locations.append(finishedLocation(location))
        case .session(var session, let location):
            session.fields = Self.take(&sessionFields)
            items.append(.session(session)); locations.append(finishedLocation(location))
        case .selfBlock(var block, let location):
            block.fields = Self.take(&selfFields)
            items.append(.selfBlock(block)); locations.append(finishedLocation(location))
        }
    }

    /// The open block's location with its fields and its last line.
    private mutating func finishedLocation(_ header: ItemLocation) -> ItemLocation {
        var location = header
        location.fields = Self.take(&fieldStarts)
        location.fieldLines = Self.take(&fieldLines)
        location.lines = location.lines.lowerBound...openLastLine
        return location
    }

    /// The elements gathered in `buffer`, which starts again, empty, with room for as many.
    private static func take<Element>(_ buffer: inout [Element]) -> [Element] {
        guard !buffer.isEmpty else { return [] }
        let taken = buffer
        buffer = []
        buffer.reserveCapacity(taken.count)
        return taken
    }

    /// Records where the field just read is (its key at `start`, its lines through `last`).
    private mutating func noteField(at start: Int, through last: Int) {
        fieldStarts.append(location(start))
        fieldLines.append(takenCommentLine...last)
        openLastLine = last
    }

    private mutating func resolveReferences() {
        guard !references.isEmpty else { return }
        // At the error limit the map may be incomplete: say so once rather than check names.
        guard errorCount < MapParser.errorLimit else {
            if !limitNoted {
                limitNoted = true
                diagnostics.append(.error("too many errors (\(MapParser.errorLimit)); stopped before checking part names",
                                          at: SourceLocation(line: lineNumber, column: 1)))
            }
            return
        }
        var knownIDs: [String]?
        for reference in references where definedParts[reference.id] == nil && !brokenPartIDs.contains(reference.id) {
            if errorCount >= MapParser.errorLimit {
                limitNoted = true
                diagnostics.append(.error("too many errors (\(MapParser.errorLimit)); stopped reporting unknown parts",
                                          at: reference.location))
                return
            }
            if knownIDs == nil { knownIDs = definedParts.keys.map(\.rawValue).sorted() }
            error(Suggestions.unknown("part", reference.id.rawValue, in: knownIDs ?? [],
                                      otherwise: "define it with 'part \(reference.id): Name'"),
                  at: reference.location)
        }
    }

    // MARK: Fields

    private mutating func readField(at start: Int, indent: Range<Int>, next: Int) -> Int {
        var position = start
        let keyRange = readWord(&position)
        // A known key is found from the bytes and named by the table's own String.
        var knownKey: Int?
        let key: String
        switch open {
        case .part:
            knownKey = partFieldKeys.index(of: bytes[keyRange])
            key = knownKey.map { partFieldKeys.words[$0] } ?? text(keyRange)
        case .session:
            key = sessionFieldKeys.index(of: bytes[keyRange]).map { sessionFieldKeys.words[$0] } ?? text(keyRange)
        default:
            key = text(keyRange)
        }
        guard let arguments = readArguments(after: key, &position) else { return next }
        guard position < line.upperBound, bytes[position] == colon, !key.isEmpty else {
            if case .skipped = open { return next }
            if case .none = open {
                error("indented line outside a part, session or self block", atOffset: start)
            } else {
                error("expected 'key: value' (a colon after the key)", atOffset: position)
            }
            return next
        }
        position += 1
        var following = next
        switch open {
        case .skipped:
            _ = readTextValue(&position, indent: indent, next: &following)
        case .none:
            error("indented line outside a part, session or self block", atOffset: start)
        case .part:
            if let (value, trailing) = readPartField(key, knownKey, arguments, keyStart: start, &position, indent: indent,
                                                     next: &following) {
                partFields.append(PartField(value, comments: takeComments(trailing: trailing)))
                noteField(at: start, through: following - 1)
            }
        case .session:
            if let (value, trailing) = readSessionField(key, arguments, keyStart: start, &position, indent: indent,
                                                        next: &following) {
                sessionFields.append(SessionField(value, comments: takeComments(trailing: trailing)))
                noteField(at: start, through: following - 1)
            }
        case .selfBlock:
            if let (value, trailing) = readSelfField(key, arguments, keyStart: start, &position, indent: indent,
                                                     next: &following) {
                selfFields.append(SelfField(value, comments: takeComments(trailing: trailing)))
                noteField(at: start, through: following - 1)
            }
        }
        return following
    }

    /// The words between a field's key and its colon. A burden's lineage separates its words
    /// with commas (`burden legacy from mother, grandmother:`); nothing else takes a comma there.
    private mutating func readArguments(after key: String, _ position: inout Int) -> [(text: String, offset: Int)]? {
        var arguments: [(text: String, offset: Int)] = []
        while true {
            skipBlanks(&position)
            guard position < line.upperBound, bytes[position] != colon, bytes[position] != hash else { break }
            if bytes[position] == comma, key == "burden", arguments.contains(where: { $0.text == Burden.lineageWord }),
               let last = arguments.last, last.text != Burden.lineageWord {
                position += 1
                continue
            }
            let argumentStart = position
            let argument = readWord(&position)
            if argument.isEmpty {
                error("expected ':' after '\(key)'", atOffset: position)
                return nil
            }
            arguments.append((text(argument), argumentStart))
        }
        return arguments
    }

    private mutating func noArguments(_ key: String, _ arguments: [(text: String, offset: Int)]) -> Bool {
        guard let first = arguments.first else { return true }
        error("'\(key)' takes no word before the colon", atOffset: first.offset)
        return false
    }

    private mutating func readPartField(
        _ key: String, _ specIndex: Int?, _ arguments: [(text: String, offset: Int)], keyStart: Int,
        _ position: inout Int, indent: Range<Int>, next: inout Int
    ) -> (PartField.Value, String?)? {
        // `specIndex`: the field's row in `PartFieldSpec.all`, so no hashing of the key.
        guard let specIndex else {
            return readCustomField(key, arguments, keyStart: keyStart, &position, indent: indent, next: &next,
                                   known: PartField.Value.knownKeys, block: "part")
                .map { (.custom(key: key, value: $0.0), $0.1) }
        }
        if PartFieldSpec.all[specIndex].isSingle {
            let previous = singleFieldLines[specIndex]
            if previous != 0 {
                error("'\(key)' is already given for this part on line \(previous)", atOffset: keyStart)
                return nil
            }
            let value = readPartFieldValue(key, specIndex, arguments, keyStart: keyStart, &position, indent: indent,
                                           next: &next)
            if value != nil { singleFieldLines[specIndex] = lineNumber }
            return value
        }
        return readPartFieldValue(key, specIndex, arguments, keyStart: keyStart, &position, indent: indent, next: &next)
    }

    private mutating func readPartFieldValue(
        _ key: String, _ specIndex: Int, _ arguments: [(text: String, offset: Int)], keyStart: Int,
        _ position: inout Int, indent: Range<Int>, next: inout Int
    ) -> (PartField.Value, String?)? {
        let shape = PartFieldSpec.all[specIndex].shape
        if shape == .burden {
            return readBurden(arguments, keyStart: keyStart, &position, indent: indent, next: &next).map { (.burden($0.0), $0.1) }
        }
        guard noArguments(key, arguments) else { return nil }
        switch shape {
        case .choice:
            if key == "role" { return readChoice(&position, what: "role", roles).map { (.role($0.0), $0.1) } }
            return readChoice(&position, what: "status", partStatuses).map { (.status($0.0), $0.1) }
        case .yesNo:
            let valueStart = position
            guard let (value, trailing) = readInlineText(&position) else { return nil }
            switch PartFieldSpec.all[specIndex].value(fromText: value) {
            case .success(let field): return (field, trailing)
            case .failure(let problem):
                error(problem.message, atOffset: firstNonBlank(from: valueStart))
                return nil
            }
        case .list:
            guard let (list, trailing) = readList(&position) else { return nil }
            let words = list.map(\.text)
            return (key == "tags" ? .tags(words) : .feelings(words), trailing)
        case .text, .ownWords, .burden:
            guard let (text, trailing) = readTextValue(&position, indent: indent, next: &next),
                  let value = PartField.Value.text(key, text) else { return nil }
            return (value, trailing)
        }
    }

    private mutating func readBurden(
        _ arguments: [(text: String, offset: Int)], keyStart: Int, _ position: inout Int,
        indent: Range<Int>, next: inout Int
    ) -> (Burden, String?)? {
        var burden: Burden
        switch Burden.readHeader(arguments.map(\.text)) {
        case .success(let header): burden = header
        case .failure(let problem):
            _ = readTextValue(&position, indent: indent, next: &next)  // skip its text block too
            error(problem.message, atOffset: problem.index.map { arguments[$0].offset } ?? keyStart)
            return nil
        }
        guard let (text, trailing) = readTextValue(&position, indent: indent, next: &next) else { return nil }
        burden.text = text
        return (burden, trailing)
    }

    /// A top-level `burden KIND ...: text` line: a burden not yet attached to a known part.
    private mutating func readUnattachedBurden(at start: Int, afterKey: Int, next: Int) -> Int {
        var position = afterKey
        var following = next
        guard let arguments = readArguments(after: "burden", &position) else { return next }
        guard position < line.upperBound, bytes[position] == colon else {
            error("expected ':' and the burden after its kind, as in 'burden legacy from father: \"Men manage alone.\"'",
                  atOffset: position)
            return next
        }
        position += 1
        guard let (burden, trailing) = readBurden(arguments, keyStart: start, &position, indent: 0..<0, next: &following)
        else { return following }
        items.append(.burden(UnattachedBurden(burden, comments: takeComments(trailing: trailing))))
        locations.append(ItemLocation(start: location(start), lines: takenCommentLine...(following - 1)))
        return following
    }

    private mutating func readCustomField(
        _ key: String, _ arguments: [(text: String, offset: Int)], keyStart: Int, _ position: inout Int,
        indent: Range<Int>, next: inout Int, known: [String], block: String
    ) -> (String, String?)? {
        guard isCustomKey(key) else {
            _ = readTextValue(&position, indent: indent, next: &next)  // skip its text block too
            error(Suggestions.unknown("\(block) field", key, in: known,
                                      otherwise: "fields are \(known.joined(separator: ", ")); custom fields start with 'x-'"),
                  atOffset: keyStart)
            return nil
        }
        guard noArguments(key, arguments) else { return nil }
        return readTextValue(&position, indent: indent, next: &next)
    }

    private mutating func readSessionField(
        _ key: String, _ arguments: [(text: String, offset: Int)], keyStart: Int, _ position: inout Int,
        indent: Range<Int>, next: inout Int
    ) -> (SessionField.Value, String?)? {
        switch key {
        case "present":
            guard noArguments(key, arguments), let (list, trailing) = readList(&position) else { return nil }
            var ids: [PartID] = []
            for item in list {
                guard let id = referencedPart(item.text, at: item.offset) else { return nil }
                ids.append(id)
            }
            return (.present(ids), trailing)
        case "self":
            guard noArguments(key, arguments), let (ratings, trailing) = readRatings(&position, selfQualities,
                                                                                       what: "Self quality (the 8 Cs)")
            else { return nil }
            return (.selfEnergy(ratings), trailing)
        case "5ps":
            guard noArguments(key, arguments), let (ratings, trailing) = readRatings(&position, selfPresenceQualities,
                                                                                       what: "quality of the 5 Ps")
            else { return nil }
            return (.selfPresence(ratings), trailing)
        case "feelings":
            guard noArguments(key, arguments), let (ratings, trailing) = readFeelingRatings(&position) else { return nil }
            return (.feelings(ratings), trailing)
        case "permission":
            guard arguments.count == 3, arguments[1].text == "for" else {
                error("say which protector and which exile: 'permission fog for little: agrees'",
                      atOffset: arguments.count > 3 ? arguments[3].offset : arguments.first?.offset ?? keyStart)
                return nil
            }
            guard let protector = referencedPart(arguments[0].text, at: arguments[0].offset),
                  let exile = referencedPart(arguments[2].text, at: arguments[2].offset) else { return nil }
            skipBlanks(&position)
            guard let answer = readEnum(&position, permissionAnswers, what: "permission answer", at: position),
                  let (note, trailing) = readOptionalNote(&position, after: "the answer",
                                                          example: "'permission fog for little: conditions: only if it can close again'")
            else { return nil }
            return (.permission(Permission(protector: protector, exile: exile, answer: answer, note: note)), trailing)
        case "status", "6fs", "unburdening", "feel-toward", "blended", "role", "intensity":
            guard let target = arguments.first else {
                error("say which part: '\(key) fog: ...'", atOffset: keyStart)
                return nil
            }
            if arguments.count > 1 {
                error("'\(key)' takes one part ID before the colon", atOffset: arguments[1].offset)
                return nil
            }
            guard let part = referencedPart(target.text, at: target.offset) else { return nil }
            switch key {
            case "status":
                return readStatusChange(part, &position).map { (.statusChange($0.0), $0.1) }
            case "6fs":
                return readChoice(&position, what: "6 Fs step", sixFsSteps).map { (.sixFs(part: part, step: $0.0), $0.1) }
            case "feel-toward":
                guard let (list, trailing) = readList(&position) else { return nil }
                guard !list.isEmpty else {
                    error("say how the person felt toward '\(part)', as in 'feel-toward \(part): curious'", atOffset: position)
                    return nil
                }
                return (.feelToward(FeelToward(part: part, answers: list.map(\.text))), trailing)
            case "blended":
                skipBlanks(&position)
                guard let outcome = readEnum(&position, unblendingOutcomes, what: "unblending outcome", at: position),
                      let (note, trailing) = readOptionalNote(&position, after: "the outcome",
                                                              example: "'blended critic: stayed: afraid Sam will cry at work'")
                else { return nil }
                return (.blended(Blending(part: part, outcome: outcome, concern: note)), trailing)
            case "intensity":
                skipBlanks(&position)
                let start = position
                var end = position
                if end < line.upperBound, bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: "+") { end += 1 }
                while end < line.upperBound, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
                guard end > start, let score = Int(text(start..<end)) else {
                    error("expected a number from 0 to 10, as in 'intensity \(part): 7'", atOffset: start)
                    return nil
                }
                position = end
                guard let (burden, trailing) = readOptionalNote(&position, after: "the number",
                                                                example: "'intensity little: 7: I don't matter'") else { return nil }
                return (.intensity(BurdenIntensity(part: part, score: score, burden: burden)), trailing)
            case "role":
                let valueStart = position
                guard let (text, trailing) = readInlineText(&position) else { return nil }
                let pieces = RoleChange.split(text)
                guard let pieces else {
                    error("write the old job and the new one, as in 'role \(part): numbing every feeling -> early warning of tiredness'",
                          atOffset: firstNonBlank(from: valueStart))
                    return nil
                }
                return (.roleChange(RoleChange(part: part, from: pieces.from, to: pieces.to)), trailing)
            default:
                skipBlanks(&position)
                guard let step = readEnum(&position, unburdeningSteps, what: "unburdening step", at: position) else { return nil }
                skipBlanks(&position)
                var progress = StepProgress.done
                if position < line.upperBound, bytes[position] != colon, bytes[position] != hash {
                    guard let word = readEnum(&position, stepProgresses, what: "step progress", at: position) else { return nil }
                    progress = word
                }
                guard let (detail, trailing) = readOptionalNote(&position, after: "the step",
                                                                example: "'unburdening little: retrieval done: the allotment shed'")
                else { return nil }
                return (.unburdening(UnburdeningRecord(part: part, step: step, progress: progress, detail: detail)), trailing)
            }
        case "homework", "note":
            guard noArguments(key, arguments), let (text, trailing) = readTextValue(&position, indent: indent, next: &next)
            else { return nil }
            return (key == "note" ? .note(text) : .homework(text), trailing)
        default:
            return readCustomField(key, arguments, keyStart: keyStart, &position, indent: indent, next: &next,
                                   known: SessionField.Value.knownKeys, block: "session")
                .map { (.custom(key: key, value: $0.0), $0.1) }
        }
    }

    private mutating func readSelfField(
        _ key: String, _ arguments: [(text: String, offset: Int)], keyStart: Int, _ position: inout Int,
        indent: Range<Int>, next: inout Int
    ) -> (SelfField.Value, String?)? {
        if key == "note" {
            guard noArguments(key, arguments), let (text, trailing) = readTextValue(&position, indent: indent, next: &next)
            else { return nil }
            return (.note(text), trailing)
        }
        return readCustomField(key, arguments, keyStart: keyStart, &position, indent: indent, next: &next,
                               known: SelfField.knownKeys, block: "self")
            .map { (.custom(key: key, value: $0.0), $0.1) }
    }

    private mutating func referencedPart(_ word: String, at offset: Int) -> PartID? {
        guard let id = PartID(word) else {
            if word == PartID.reservedSelfWord {
                error("'self' is the Self, not a part: record its ratings on a 'self:' line", atOffset: offset)
            } else {
                error("'\(word)' is not a valid part ID", atOffset: offset)
            }
            return nil
        }
        references.append((id, location(offset)))
        return id
    }

    /// `status fog: known -> befriended: why` (the "from" and the note are optional).
    private mutating func readStatusChange(_ part: PartID, _ position: inout Int) -> (StatusChange, String?)? {
        skipBlanks(&position)
        let firstStart = position
        guard let first = readEnum(&position, partStatuses, what: "status", at: firstStart) else { return nil }
        skipBlanks(&position)
        var from: PartStatus?
        var to = first
        if position + 1 < line.upperBound, bytes[position] == UInt8(ascii: "-"), bytes[position + 1] == UInt8(ascii: ">") {
            position += 2
            skipBlanks(&position)
            let secondStart = position
            guard let second = readEnum(&position, partStatuses, what: "status", at: secondStart) else { return nil }
            from = first
            to = second
            skipBlanks(&position)
        }
        var note: String?
        var trailing: String?
        if position < line.upperBound, bytes[position] == colon {
            position += 1
            guard let (value, comment) = readInlineText(&position) else { return nil }
            note = value.isEmpty && !hadQuotes ? nil : value
            trailing = comment
        } else if position < line.upperBound, bytes[position] != hash {
            error("expected 'from -> to', then optionally ': note', as in 'status fog: known -> befriended'",
                  atOffset: position)
            return nil
        } else {
            trailing = readTrailing(&position, after: "the status")
        }
        return (StatusChange(part: part, from: from, to: to, note: note), trailing)
    }

    /// After a word: nothing (or a comment), or `: text` on the same line.
    private mutating func readOptionalNote(_ position: inout Int, after what: String, example: String) -> (String?, String?)? {
        skipBlanks(&position)
        if position < line.upperBound, bytes[position] == colon {
            position += 1
            guard let (value, comment) = readInlineText(&position) else { return nil }
            return (value.isEmpty && !hadQuotes ? nil : value, comment)
        }
        if position < line.upperBound, bytes[position] != hash {
            error("unexpected text after \(what); a note follows a colon, as in \(example)", atOffset: position)
            return nil
        }
        let trailing = readTrailing(&position, after: what)
        return failedTrailing ? nil : (nil, trailing)
    }

    /// `sadness 3, left out 2`: any feeling words, then a whole number; each feeling once.
    private mutating func readFeelingRatings(_ position: inout Int) -> ([FeelingRating], String?)? {
        guard let (list, trailing) = readList(&position) else { return nil }
        var ratings: [FeelingRating] = []
        for item in list {
            let words = item.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 2, let last = words.last, let score = Int(last) else {
                error("expected a feeling and a number from 0 to 10, as in 'sadness 3'", atOffset: item.offset)
                return nil
            }
            let feeling = words.dropLast().joined(separator: " ")
            if feeling.unicodeScalars.contains(where: { $0 == "\"" || $0 == "#" }) {
                error("a feeling is one or more words, without quotes or '#'", atOffset: item.offset)
                return nil
            }
            if ratings.contains(where: { $0.feeling == feeling }) {
                error("'\(feeling)' is rated twice on this line", atOffset: item.offset)
                return nil
            }
            ratings.append(FeelingRating(feeling, score))
        }
        return (ratings, trailing)
    }

    private mutating func readRatings<Quality: RawRepresentable & CaseIterable & Hashable & Sendable>(
        _ position: inout Int, _ choices: Choices<Quality>, what: String
    ) -> ([QualityRating<Quality>], String?)? where Quality.RawValue == String {
        guard let (list, trailing) = readList(&position) else { return nil }
        var ratings: [QualityRating<Quality>] = []
        ratings.reserveCapacity(list.count)
        for item in list {
            switch Self.rating(item.text, choices) {
            case .malformed:
                let names = Quality.allCases.map(\.rawValue)
                error("expected a quality and a number, as in '\(names[0]) 6'", atOffset: item.offset)
                return nil
            case .unknown(let name):
                let names = Quality.allCases.map(\.rawValue)
                error(Suggestions.unknown(what, name, in: names, otherwise: "they are \(names.joined(separator: ", "))"),
                      atOffset: item.offset)
                return nil
            case .rating(let quality, let score):
                if ratings.contains(where: { $0.quality == quality }) {
                    let name = String(decoding: item.text.utf8.prefix { !isBlank($0) }, as: UTF8.self)
                    error("'\(name)' is rated twice on this line", atOffset: item.offset)
                    return nil
                }
                ratings.append(QualityRating(quality, score))
            }
        }
        return (ratings, trailing)
    }

    /// What one item of a ratings list says.
    private enum RatingItem<Quality> {
        /// Not a word, blanks and a whole number.
        case malformed
        /// The word is not one of the qualities.
        case unknown(name: String)
        case rating(Quality, Int)
    }

    /// Reads `calm 5`: a word, blanks, a whole number (this runs for every rating: it reads the
    /// UTF-8 in place and makes no String unless the word is wrong).
    private static func rating<Quality: RawRepresentable & CaseIterable & Sendable>(
        _ text: String, _ choices: Choices<Quality>
    ) -> RatingItem<Quality> {
        var text = text
        return text.withUTF8 { utf8 in
            var wordEnd = 0
            while wordEnd < utf8.count, !isBlank(utf8[wordEnd]) { wordEnd += 1 }
            var numberStart = wordEnd
            while numberStart < utf8.count, isBlank(utf8[numberStart]) { numberStart += 1 }
            guard let score = wholeNumber(utf8[numberStart...]) else { return .malformed }
            guard let quality = choices.value(utf8[..<wordEnd]) else {
                return .unknown(name: String(decoding: utf8[..<wordEnd], as: UTF8.self))
            }
            return .rating(quality, score)
        }
    }

    /// What `Int(text)` makes of these UTF-8 bytes: an optional `+` or `-`, then decimal digits,
    /// within the range of `Int`; `nil` for anything else (an empty text, a blank, another sign).
    private static func wholeNumber(_ utf8: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var index = utf8.startIndex
        guard index < utf8.endIndex else { return nil }
        let negative = utf8[index] == UInt8(ascii: "-")
        if negative || utf8[index] == UInt8(ascii: "+") { index += 1 }
        guard index < utf8.endIndex else { return nil }
        var value = 0
        while index < utf8.endIndex {
            let digit = utf8[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, carry) = negative ? shifted.subtractingReportingOverflow(Int(digit))
                : shifted.addingReportingOverflow(Int(digit))
            guard !overflow, !carry else { return nil }
            value = next
            index += 1
        }
        return value
    }

    private mutating func readChoice<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ position: inout Int, what: String, _ choices: Choices<Choice>
    ) -> (Choice, String?)? where Choice.RawValue == String {
        skipBlanks(&position)
        let start = position
        guard let value = readEnum(&position, choices, what: what, at: start) else { return nil }
        let trailing = readTrailing(&position, after: "the \(what)")
        if failedTrailing { return nil }
        return (value, trailing)
    }

    private mutating func readEnum<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ position: inout Int, _ choices: Choices<Choice>, what: String, at start: Int
    ) -> Choice? where Choice.RawValue == String {
        let wordRange = readWord(&position)
        guard let value = choices.value(bytes[wordRange]) else {
            let word = text(wordRange)
            let names = Choice.allCases.map(\.rawValue)
            if word.isEmpty {
                error("expected a \(what): \(names.joined(separator: ", "))", atOffset: start)
            } else {
                error(Suggestions.unknown(what, word, in: names, otherwise: "use one of \(names.joined(separator: ", "))"),
                      atOffset: start)
            }
            return nil
        }
        return value
    }

    // MARK: Values

    /// Set by the last `readInlineText`: whether the value was written in quotes.
    private var hadQuotes = false
    /// Set by the last `readTrailing`: whether it found unexpected text.
    private var failedTrailing = false

    private func restIsEmpty(_ position: Int) -> Bool {
        var position = position
        skipBlanks(&position)
        return position == line.upperBound || bytes[position] == hash
    }

    private func skipBlanks(_ position: inout Int) {
        while position < line.upperBound, isBlank(bytes[position]) { position += 1 }
    }

    private func firstNonBlank(from position: Int) -> Int {
        var position = position
        skipBlanks(&position)
        return position
    }

    private func readWord(_ position: inout Int) -> Range<Int> {
        let start = position
        while position < line.upperBound, isWordByte(bytes[position]) {
            // `known->befriended`: an arrow ends the word.
            if bytes[position] == UInt8(ascii: "-"), position + 1 < line.upperBound, bytes[position + 1] == UInt8(ascii: ">") {
                break
            }
            position += 1
        }
        return start..<position
    }

    /// After a value: only blanks or a `# comment` may follow. Returns the comment.
    private mutating func readTrailing(_ position: inout Int, after what: @autoclosure () -> String) -> String? {
        failedTrailing = false
        skipBlanks(&position)
        guard position < line.upperBound else { return nil }
        if bytes[position] == hash { return text(position + 1..<line.upperBound) }
        failedTrailing = true
        error("unexpected text after \(what())", atOffset: position)
        return nil
    }

    /// Where a `#` starts a comment in bare text: blank before it (or at the start), blank or end after.
    private func commentStart(from start: Int, stopAtComma: Bool) -> (end: Int, comment: Int?) {
        var index = start
        while index < line.upperBound {
            let byte = bytes[index]
            if stopAtComma && byte == comma { return (index, nil) }
            // "  #anything" (two blanks, as partsmap writes comments) or " # " / a final " #".
            if byte == hash, index == start || isBlank(bytes[index - 1]),
               index + 1 == line.upperBound || isBlank(bytes[index + 1])
                || (index >= line.lowerBound + 2 && isBlank(bytes[index - 1]) && isBlank(bytes[index - 2])) {
                return (index, index)
            }
            index += 1
        }
        return (index, nil)
    }

    /// One-line text after a colon: bare or quoted, then an optional trailing comment.
    ///
    /// A value is read as a quoted string only when the whole value is one valid string literal;
    /// otherwise quotes are ordinary characters, so `"lazy" versus "needs rest"` reads as written.
    private mutating func readInlineText(_ position: inout Int) -> (String, String?)? {
        hadQuotes = false
        skipBlanks(&position)
        if let (value, end) = quotedValue(at: position, allowComma: false) {
            hadQuotes = true
            position = end
            return (value, readTrailing(&position, after: "the closing quote"))
        }
        let (end, comment) = commentStart(from: position, stopAtComma: false)
        var valueEnd = end
        while valueEnd > position, isBlank(bytes[valueEnd - 1]) { valueEnd -= 1 }
        let value = text(position..<valueEnd)
        position = line.upperBound
        return (value, comment.map { text($0 + 1..<line.upperBound) })
    }

    /// The string literal at `position` when it makes up the whole value (only blanks, a comment,
    /// or with `allowComma` a comma may follow); the offset after the closing quote.
    private func quotedValue(at position: Int, allowComma: Bool) -> (String, Int)? {
        guard position < line.upperBound, bytes[position] == quote else { return nil }
        var end = position
        guard let value = readQuoted(&end) else { return nil }
        var after = end
        skipBlanks(&after)
        guard after == line.upperBound || bytes[after] == hash || (allowComma && bytes[after] == comma) else { return nil }
        return (value, end)
    }

    /// Text that may continue as an indented block on the following lines when the line has none.
    private mutating func readTextValue(_ position: inout Int, indent: Range<Int>, next: inout Int) -> (String, String?)? {
        guard let (value, trailing) = readInlineText(&position) else { return nil }
        if value.isEmpty, !hadQuotes, let block = readBlock(fieldIndent: indent, next: &next) {
            return (block, trailing)
        }
        return (value, trailing)
    }

    /// The bytes of the text block being read: one buffer for every block, so a block costs no
    /// array of its own.
    private var blockText: [UInt8] = []

    /// The indented lines below a field whose value is empty, as text; nil when there are none.
    ///
    /// The lines' bytes go straight into one buffer (blank lines inside the block as empty lines,
    /// blank lines after it dropped), which is decoded once.
    private mutating func readBlock(fieldIndent: Range<Int>, next: inout Int) -> String? {
        let savedLine = line
        let savedNumber = lineNumber
        defer { line = savedLine; lineNumber = savedNumber }

        func indentation(_ range: Range<Int>) -> Range<Int>? {
            var end = range.lowerBound
            while end < range.upperBound, isBlank(bytes[end]) { end += 1 }
            return end == range.upperBound ? nil : range.lowerBound..<end  // nil: blank line
        }

        var number = next
        /// The indentation of the block's first line, which every line of the block repeats.
        var blockIndent: Range<Int>?
        blockText.removeAll(keepingCapacity: true)
        /// Blank lines since the last line with text: kept only when more text follows.
        var blankLines = 0
        var lastContentNumber = next - 1
        while number <= source.lineCount, let range = source.lineRange(number) {
            guard let indent = indentation(range) else {
                if blockIndent != nil { blankLines += 1 }
                number += 1
                continue
            }
            guard indent.count > fieldIndent.count, startsWith(indent, fieldIndent) else { break }
            lineNumber = number
            line = range
            validateEncoding()
            var textStart = indent.upperBound
            if let expected = blockIndent {
                if startsWith(indent, expected) {
                    textStart = indent.lowerBound + expected.count
                } else {
                    error("this line is indented less than the first line of its text block (or mixes tabs and spaces)",
                          atOffset: range.lowerBound)
                }
                blockText.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: blankLines + 1))
            } else {
                blockIndent = indent
            }
            blockText.append(contentsOf: bytes[textStart..<range.upperBound])
            blankLines = 0
            lastContentNumber = number
            number += 1
        }
        guard blockIndent != nil else { return nil }
        next = lastContentNumber + 1
        return String(decoding: blockText, as: UTF8.self)
    }

    /// Whether the bytes of `range` start with the bytes of `prefix` (both in this file).
    private func startsWith(_ range: Range<Int>, _ prefix: Range<Int>) -> Bool {
        guard range.count >= prefix.count else { return false }
        var index = range.lowerBound
        for byte in bytes[prefix] {
            if bytes[index] != byte { return false }
            index += 1
        }
        return true
    }

    /// The items of the list read last: one buffer for every list, so a list costs no array of its own.
    private var listItems: [(text: String, offset: Int)] = []

    /// A comma-separated list; items may be quoted. Returns each item with its offset (in a buffer
    /// the next list reuses).
    private mutating func readList(_ position: inout Int) -> ([(text: String, offset: Int)], String?)? {
        listItems.removeAll(keepingCapacity: true)
        skipBlanks(&position)
        if restIsEmpty(position) {
            return ([], readTrailing(&position, after: "the list"))
        }
        while true {
            skipBlanks(&position)
            let itemStart = position
            if let (value, end) = quotedValue(at: position, allowComma: true) {
                listItems.append((value, itemStart))
                position = end
                skipBlanks(&position)
            } else {
                let (end, comment) = commentStart(from: position, stopAtComma: true)
                var valueEnd = end
                while valueEnd > position, isBlank(bytes[valueEnd - 1]) { valueEnd -= 1 }
                if valueEnd == position {
                    error("empty item in the list (two commas, or a comma at the end)", atOffset: itemStart)
                    return nil
                }
                listItems.append((text(position..<valueEnd), itemStart))
                position = comment ?? end
            }
            if position < line.upperBound, bytes[position] == comma {
                position += 1
                continue
            }
            let trailing = readTrailing(&position, after: "the list item (separate items with commas)")
            return failedTrailing ? nil : (listItems, trailing)
        }
    }

    /// A double-quoted string with `\\ \" \n \r \t \u{…}` escapes; `position` is at the quote.
    private func readQuoted(_ position: inout Int) -> String? {
        position += 1
        // Most strings have no escapes: then the text is the bytes up to the closing quote.
        let start = position
        var end = start
        while end < line.upperBound, bytes[end] != quote, bytes[end] != backslash { end += 1 }
        if end < line.upperBound, bytes[end] == quote {
            position = end + 1
            return text(start..<end)
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(line.upperBound - start)
        while position < line.upperBound {
            let byte = bytes[position]
            if byte == quote {
                position += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte != backslash {
                buffer.append(byte)
                position += 1
                continue
            }
            position += 1
            guard position < line.upperBound else { break }
            switch bytes[position] {
            case backslash: buffer.append(backslash)
            case quote: buffer.append(quote)
            case UInt8(ascii: "n"): buffer.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "r"): buffer.append(UInt8(ascii: "\r"))
            case UInt8(ascii: "t"): buffer.append(tab)
            case UInt8(ascii: "u"):
                guard let scalar = readUnicodeEscape(&position) else { return nil }
                buffer.append(contentsOf: Array(String(scalar).utf8))
                continue
            default:
                return nil
            }
            position += 1
        }
        return nil
    }

    /// `position` is at the `u` of `\u{…}`; leaves it after the `}`.
    private func readUnicodeEscape(_ position: inout Int) -> Unicode.Scalar? {
        guard position + 1 < line.upperBound, bytes[position + 1] == UInt8(ascii: "{") else { return nil }
        var index = position + 2
        var value: UInt32 = 0
        var digits = 0
        while index < line.upperBound, bytes[index] != UInt8(ascii: "}") {
            guard digits < 6, let digit = hexValue(bytes[index]) else { return nil }
            value = value * 16 + digit
            digits += 1
            index += 1
        }
        guard index < line.upperBound, digits > 0, let scalar = Unicode.Scalar(value) else { return nil }
        position = index + 1
        return scalar
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }

    private func isCustomKey(_ key: String) -> Bool {
        CustomKey.isValid(key)
    }
}
