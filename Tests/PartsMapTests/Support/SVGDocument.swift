import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed SVG written by Graphviz: for each node and edge group, its `<title>` (the DOT name),
/// the text lines it shows and its tooltip. Tests compare these with the map's text, so they
/// check what a person sees rather than grepping markup.
struct SVGDocument {
    struct Group {
        var kind: String
        var name: String
        var texts: [String]
        var tooltip: String?
    }

    var groups: [Group] = []
    var graphTexts: [String] = []

    func node(_ name: String) -> Group? { groups.first { $0.kind == "node" && $0.name == name } }

    init(data: Data) throws {
        let delegate = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw ParseFailure(description: parser.parserError.map { "\($0)" } ?? "unknown XML error")
        }
        groups = delegate.groups
        graphTexts = delegate.graphTexts
    }

    struct ParseFailure: Error, CustomStringConvertible {
        var description: String
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var groups: [Group] = []
        var graphTexts: [String] = []
        private var current: Group?
        private var depth = 0
        private var groupDepth = -1
        private var element = ""
        private var buffer = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            depth += 1
            element = name
            buffer = ""
            // The first class names the kind ("node tl-off": a node the timeline page hides).
            if name == "g", let kind = attributes["class"]?.split(separator: " ").first.map(String.init),
               kind == "node" || kind == "edge" || kind == "cluster" {
                current = Group(kind: kind, name: "", texts: [], tooltip: nil)
                groupDepth = depth
            }
            if name == "a", current != nil, let title = attributes["xlink:title"], current?.tooltip == nil {
                current?.tooltip = title
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            buffer += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title", current != nil, current?.name == "" {
                current?.name = buffer
            } else if name == "text" {
                if current != nil { current?.texts.append(buffer) } else { graphTexts.append(buffer) }
            }
            if name == "g", depth == groupDepth, let group = current {
                groups.append(group)
                current = nil
                groupDepth = -1
            }
            buffer = ""
            depth -= 1
        }
    }
}
