/// The result of reading a map: the model, every problem found, and where things came from.
public struct ParsedMap: Sendable {
    /// The map as far as it could be read. Only trust it when `hasErrors` is false.
    public var map: SystemMap
    /// Errors and warnings in file order.
    public var diagnostics: [Diagnostic]
    /// Where each item came from, parallel to `map.items`.
    public var locations: [ItemLocation]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Where one top-level item and its fields are in the file.
public struct ItemLocation: Hashable, Sendable {
    public var start: SourceLocation
    /// Where each field line starts (its key), parallel to the item's `fields`.
    public var fields: [SourceLocation]

    public init(start: SourceLocation, fields: [SourceLocation] = []) {
        self.start = start
        self.fields = fields
    }
}
