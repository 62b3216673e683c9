import Foundation
import Testing

/// Every `public` declaration of the library says, in a `///` comment, what it means for an
/// app that embeds PartsMap: the library's API is only as usable as its documentation.
///
/// Attributes (`@discardableResult`, `@available(…)`) may stand between the comment and the
/// declaration. Exempt, as in the review script: `public var description` (what
/// `CustomStringConvertible` means is known) and enum `case` lines (documented only where the
/// meaning is not obvious).
@Suite("Public API documentation")
struct PublicAPIDocumentationTests {
    struct Undocumented: CustomStringConvertible {
        var file: String
        var line: Int
        var declaration: String
        var description: String { "\(file):\(line): \(declaration)" }
    }

    /// The declaration a line starts, with its attributes (`@discardableResult`,
    /// `@available(macOS 13, *)`) taken off; `nil` for a line that is only attributes.
    static func declaration(_ line: Substring) -> Substring? {
        var rest = line.drop { $0 == " " || $0 == "\t" }
        while rest.first == "@" {
            rest = rest.dropFirst().drop { $0.isLetter || $0.isNumber || $0 == "_" }
            if rest.first == "(" {
                var depth = 0
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if character == "(" { depth += 1 }
                    if character == ")" { depth -= 1; if depth == 0 { break } }
                }
            }
            rest = rest.drop { $0 == " " || $0 == "\t" }
        }
        return rest.isEmpty ? nil : rest
    }

    /// Whether a line is only attributes, which may sit between a comment and its declaration.
    static func isAttributeLine(_ line: Substring) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.first == "@" && declaration(line) == nil
    }

    /// The public declarations of one Swift file that have no `///` comment right above them
    /// (or above their attributes).
    static func undocumented(in text: String, file: String) -> [Undocumented] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [Undocumented] = []
        for (index, line) in lines.enumerated() {
            guard let declaration = declaration(line), declaration.hasPrefix("public ") || declaration.hasPrefix("public\t"),
                  !declaration.hasPrefix("public var description"), !declaration.hasPrefix("case ") else { continue }
            var above = index - 1
            while above >= 0, isAttributeLine(lines[above]) { above -= 1 }
            let documented = above >= 0 && lines[above].drop { $0 == " " || $0 == "\t" }.hasPrefix("///")
            if !documented {
                found.append(Undocumented(file: file, line: index + 1, declaration: String(declaration.prefix(100))))
            }
        }
        return found
    }

    /// The library's sources, by path from the package root.
    static func librarySources() throws -> [(path: String, text: String)] {
        let root = TestSupport.packageRoot
        let library = root.appendingPathComponent("Sources").appendingPathComponent("PartsMap")
        guard let walker = FileManager.default.enumerator(atPath: library.path) else { return [] }
        var sources: [(path: String, text: String)] = []
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            let text = try String(contentsOf: library.appendingPathComponent(relative), encoding: .utf8)
            sources.append(("Sources/PartsMap/" + relative, text))
        }
        return sources.sorted { $0.path < $1.path }
    }

    @Test func everyPublicDeclarationOfTheLibraryHasADocComment() throws {
        let sources = try Self.librarySources()
        #expect(sources.count >= 40, "the scan found only \(sources.count) files under Sources/PartsMap")
        let missing = sources.flatMap { Self.undocumented(in: $0.text, file: $0.path) }
        #expect(missing.isEmpty, """
            \(missing.count) public declaration(s) without a /// comment (say what it means for an app \
            using PartsMap, or make it package if apps must not use it):
            \(missing.map(\.description).joined(separator: "\n"))
            """)
    }

    /// The scan itself: it must catch what it is there to catch, or the test above proves nothing.
    @Test func theScanFindsUndocumentedDeclarationsAndAcceptsDocumentedOnes() {
        let text = """
            /// Documented.
            public struct Documented {
                public var undocumented: Int
                /// Documented, behind attributes.
                @discardableResult
                @available(macOS 13, *)
                public func run() -> Int { 0 }
                @inlinable public func attributeOnTheSameLine() {}
                public var description: String { "" }

                /// Not next to its declaration.

                public init() {}
            }
            public enum Kind {
                case plain
                // An ordinary comment is not documentation.
                public static let all: [Kind] = [.plain]
            }
            """
        let found = Self.undocumented(in: text, file: "Sample.swift")
        #expect(found.map(\.line) == [3, 8, 13, 15, 18])
        #expect(found.first?.description == "Sample.swift:3: public var undocumented: Int")
        #expect(found.dropFirst().first?.declaration == "public func attributeOnTheSameLine() {}")
    }
}
