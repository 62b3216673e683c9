/// The Graphviz layout programs PartsMap can use, passed to `dot` as `-K<engine>`.
public enum LayoutEngine: String, CaseIterable, Sendable {
    /// Layered: Self on top, protectors in the middle, exiles below. Best for small and medium maps.
    case dot
    /// Spring model: Self pinned at the centre.
    case neato
    /// Force-directed: Self pinned at the centre.
    case fdp
    /// Force-directed for large maps (hundreds of parts and more).
    case sfdp
    /// Circular.
    case circo
    /// Radial, with Self at the centre.
    case twopi
}

/// The file formats `partsmap render` writes.
public enum OutputFormat: String, CaseIterable, Sendable {
    case svg, png, pdf

    /// The format a file name asks for by its extension, if it is one of ours.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        self.init(rawValue: fileName[fileName.index(after: dot)...].lowercased())
    }
}
