import Testing
@testable import PartsMap

/// Marks are meanings; each theme draws them, and never in a way that reads as something else.
@Suite("Marks and themes")
struct MarksTests {
    func value(_ name: String, _ attributes: VisualStyle.Attributes) -> String? {
        attributes.last { $0.name == name }?.value
    }

    @Test(arguments: VisualStyle.Theme.allCases)
    func everyMarkChangesThePictureAndNoneLooksSelfLike(theme: VisualStyle.Theme) {
        let style = VisualStyle(theme: theme)
        for role in Role.allCases {
            let base = style.attributes(for: role)
            var looks: [String] = []
            for mark in Mark.allCases {
                let marked = style.attributes(for: mark, on: base)
                #expect(value("peripheries", marked) == nil, "\(mark) on a \(role) must not look self-like (double outline)")
                #expect(marked.map { "\($0.name)=\($0.value)" } != base.map { "\($0.name)=\($0.value)" }, "\(mark) shows on a \(role)")
                #expect(value("shape", marked) == value("shape", base), "a mark keeps the role's shape")
                looks.append(marked.map { "\($0.name)=\($0.value)" }.joined(separator: ","))
            }
            // Added and changed, removed and faded: different looks (the words differ too).
            let index = { (mark: Mark) in Mark.allCases.firstIndex(of: mark) ?? 0 }
            #expect(looks[index(.added)] != looks[index(.changed)])
            #expect(looks[index(.removed)] != looks[index(.faded)])
        }
    }

    @Test(arguments: VisualStyle.Theme.allCases)
    func selfStandsOutInEveryThemeWithoutColour(theme: VisualStyle.Theme) {
        let style = VisualStyle(theme: theme)
        let selfLook = style.selfAttributes
        #expect(value("shape", selfLook) == "doublecircle")
        let selfWidth = Double(value("penwidth", selfLook) ?? "1") ?? 1
        for role in Role.allCases {
            let look = style.attributes(for: role)
            #expect(value("shape", look) != "doublecircle")
            #expect(selfWidth > Double(value("penwidth", look) ?? "1") ?? 1, "Self's outline is the boldest in \(theme)")
        }
        #expect(value("fontname", selfLook)?.hasSuffix("-Bold") == true)
    }

    @Test(arguments: VisualStyle.Theme.allCases)
    func triggersAndProtectsDifferWithoutColour(theme: VisualStyle.Theme) {
        let style = VisualStyle(theme: theme)
        let protects = style.attributes(for: .protects)
        let triggers = style.attributes(for: .triggers)
        #expect(value("arrowhead", protects) != value("arrowhead", triggers))
        #expect(value("style", protects) != value("style", triggers))
    }
}
