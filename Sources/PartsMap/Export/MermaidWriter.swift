/// Turns a map into a Mermaid flowchart, so that the map draws itself inside Markdown tools that
/// render Mermaid (GitHub, GitLab, Obsidian and others): `partsmap export --format mermaid`, and
/// the picture in the Markdown report.
///
/// The diagram follows the Graphviz picture's conventions (docs/visual-conventions.md): each role
/// has its own shape and class, each relationship kind its own line style, colours come from the
/// theme, and the Self is drawn as a double circle. Relationship notes are edge labels.
///
/// Output is deterministic: the same map gives byte-identical text. Node IDs are generated
/// (`self`, `p1`, `p2`… in map order), never taken from anything a person typed; every label is a
/// quoted string escaped by `MermaidText`. docs/mermaid.md describes the output and its limits.
public struct MermaidWriter: Sendable {
    /// Colours come from this style's theme; shapes and line styles are the same in all themes.
    public var style: VisualStyle
    /// Which way the flowchart runs.
    public var direction: Direction

    /// The directions of a Mermaid flowchart.
    public enum Direction: String, CaseIterable, Sendable {
        /// Top to bottom (the default, like the Graphviz picture).
        case topToBottom = "TB"
        /// Left to right.
        case leftToRight = "LR"
    }

    /// Relationship notes longer than this are cut with an ellipsis (Mermaid lays long labels out badly).
    public static let noteLimit = 80

    /// A note cut to `noteLimit` characters with "…", so a long note stays a label on its line.
    public static func shortened(_ text: String) -> String {
        guard text.count > noteLimit else { return text }
        return String(text.prefix(noteLimit - 1)) + "…"
    }

    /// A writer with the given colours and direction.
    public init(style: VisualStyle = .standard, direction: Direction = .topToBottom) {
        self.style = style
        self.direction = direction
    }

    /// The Mermaid text for `map`: a `flowchart` diagram, ending in a newline, with no fences.
    public func mermaid(for map: SystemMap) -> String {
        let parts = map.parts
        var ids: [PartID: String] = [:]
        for (index, part) in parts.enumerated() where ids[part.id] == nil { ids[part.id] = "p\(index + 1)" }
        func node(_ endpoint: Relationship.Endpoint) -> String? {
            switch endpoint {
            case .theSelf: return "self"
            case .part(let id): return ids[id]
            }
        }

        var out = "flowchart \(direction.rawValue)\n"
        out += "  self(((\"Self\")))\n"
        let labels = DOTWriter(style: style)
        var written: Set<PartID> = []
        for part in parts where written.insert(part.id).inserted {  // a repeated ID (check reports it) is drawn once
            guard let id = ids[part.id] else { continue }
            let (open, close) = MermaidWriter.shape(part.role)
            out += "  \(id)\(open)\(MermaidText.quoted(labels.label(for: part)))\(close)\n"
        }

        var edgeKinds: [Relationship.Kind] = []
        for relationship in map.relationships {
            // A relationship to a part the map does not have (check reports it) is not drawn.
            guard let from = node(relationship.from), let to = node(relationship.to) else { continue }
            var line = MermaidWriter.line(relationship.kind)
            // A note with nothing to show (only control characters) has no label: Mermaid refuses `|""|`.
            if let note = relationship.note, case let label = MermaidText.label(MermaidWriter.shortened(note)), !label.isEmpty {
                line += "|\"" + label + "\"|"
            }
            out += "  \(from) \(line) \(to)\n"
            edgeKinds.append(relationship.kind)
        }

        // Invisible links put Self above the system, as in the Graphviz picture; after the
        // relationships, so that `linkStyle` numbers (which count every link) stay theirs.
        var anchored: Set<PartID> = []
        for part in DOTWriter.selfAnchors(parts, map.relationships) where anchored.insert(part.id).inserted {
            if let id = ids[part.id] { out += "  self ~~~ \(id)\n" }
        }

        out += "  classDef self \(MermaidWriter.declarations(style.selfAttributes))\n"
        for role in Role.allCases {
            let text = style.nodeDefaults.filter { $0.name == "fontcolor" }
            out += "  classDef \(role.rawValue) \(MermaidWriter.declarations(style.attributes(for: role) + text))\n"
        }
        out += "  classDef selfLike stroke-width:3px,stroke-dasharray:6 2\n"
        out += "  class self self\n"
        for role in Role.allCases {
            let members = parts.filter { $0.role == role }.compactMap { ids[$0.id] }
            if !members.isEmpty { out += "  class \(MermaidWriter.unique(members).joined(separator: ",")) \(role.rawValue)\n" }
        }
        let selfLike = parts.filter(\.isSelfLike).compactMap { ids[$0.id] }
        if !selfLike.isEmpty { out += "  class \(MermaidWriter.unique(selfLike).joined(separator: ",")) selfLike\n" }
        for kind in Relationship.Kind.allCases {
            let indices = edgeKinds.indices.filter { edgeKinds[$0] == kind }
            guard !indices.isEmpty else { continue }
            out += "  linkStyle \(indices.map(String.init).joined(separator: ",")) \(MermaidWriter.declarations(style.attributes(for: kind)))\n"
        }
        return out
    }

    /// The brackets that give a role its shape, echoing the Graphviz shapes.
    static func shape(_ role: Role) -> (open: String, close: String) {
        switch role {
        case .manager: return ("(", ")")        // rounded box
        case .firefighter: return ("{{", "}}")  // hexagon (Graphviz: octagon)
        case .protector: return ("[/", "\\]")   // trapezoid (Graphviz: house)
        case .exile: return ("([", "])")        // stadium (Graphviz: ellipse)
        case .unknown: return (">", "]")        // flag, dashed (Graphviz: dashed note)
        }
    }

    /// The line of a relationship kind, echoing the Graphviz edge styles.
    static func line(_ kind: Relationship.Kind) -> String {
        switch kind {
        case .protects: return "==>"      // thick, arrow
        case .polarized: return "x-.-x"   // dashed, a bar at both ends (Graphviz: tee)
        case .allied: return "---"        // solid, no arrow
        case .blends: return "-.-o"       // dotted, a circle at the end (Graphviz: odot)
        case .triggers: return "-->"      // arrow
        case .alternates: return "<-->"   // arrows at both ends (Graphviz: curved heads at both ends)
        }
    }

    /// Mermaid style declarations (`fill:#CFE8F7,stroke:#0072B2`) from a theme's Graphviz
    /// attributes: fill, outline colour, line width and dashes. Constant text only.
    static func declarations(_ attributes: VisualStyle.Attributes) -> String {
        var out: [String] = []
        for (name, value) in attributes {
            switch name {
            case "fillcolor": out.append("fill:" + value)
            // Graphviz's "a:invis:b" (a double line) is one colour here.
            case "color": out.append("stroke:" + String(value.split(separator: ":").first ?? Substring(value)))
            case "fontcolor": out.append("color:" + value)
            case "penwidth": out.append("stroke-width:\(value)px")
            case "style" where value.split(separator: ",").contains("dashed"): out.append("stroke-dasharray:5 3")
            case "style" where value.split(separator: ",").contains("dotted"): out.append("stroke-dasharray:2 2")
            default: continue
            }
        }
        return out.joined(separator: ",")
    }

    private static func unique(_ ids: [String]) -> [String] {
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }
}
