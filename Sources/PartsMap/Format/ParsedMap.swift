/// The result of reading a map: the model, every problem found, and where things came from.
public struct ParsedMap: Sendable {
    /// The map as far as it could be read. Only trust it when `hasErrors` is false.
    public var map: SystemMap
    /// Errors and warnings in file order.
    public var diagnostics: [Diagnostic]
    /// Where each item came from, parallel to `map.items`.
    public var locations: [ItemLocation]
    /// The line of `partsmap 1` (0 when it is missing).
    public var headerLine: Int

    /// Whether any diagnostic is an error; if so, the map must not be used or written back.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// The errors alone, in the order found.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Where one top-level item and its fields are in the file.
///
/// Line ranges include the comment lines attached above, so an edit can replace exactly the
/// lines an item or field occupies and leave the rest of the file byte for byte.
public struct ItemLocation: Hashable, Sendable {
    /// The item's own line (`part fog: The Fog`).
    public var start: SourceLocation
    /// Where each field line starts (its key), parallel to the item's `fields`.
    public var fields: [SourceLocation]
    /// The lines of the item, from its first leading comment to its last field or text line.
    public var lines: ClosedRange<Int>
    /// The lines of each field, from its first leading comment to the end of its text block.
    public var fieldLines: [ClosedRange<Int>]

    /// An item at `start`; `lines` defaults to the start line alone.
    public init(start: SourceLocation, fields: [SourceLocation] = [], lines: ClosedRange<Int>? = nil,
                fieldLines: [ClosedRange<Int>] = []) {
        self.start = start
        self.fields = fields
        self.lines = lines ?? start.line...start.line
        self.fieldLines = fieldLines
    }
}
