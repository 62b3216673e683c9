/// The layouts PartsMap can draw with: its own clinical layout, or a Graphviz layout program
/// (passed to `dot` as `-K<engine>`).
public enum LayoutEngine: String, CaseIterable, Sendable {
    /// Self at the centre, protectors on the ring around it, each exile behind the protectors
    /// that guard it; positions and lines computed by PartsMap (Graphviz routes a line only where
    /// no clear way was found, up to 60 parts). The default up to 300 parts.
    case clinical
    /// Layered: Self on top, protectors in the middle, exiles below, wide rows wrapped.
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

    /// The Graphviz program that draws this layout: the clinical layout only routes lines
    /// between positions already given (`nop2`, as `neato -n2`).
    public var program: String {
        self == .clinical ? "nop2" : rawValue
    }
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
