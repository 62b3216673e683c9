import Foundation
import Testing
@testable import PartsMap
@testable import PartsMapCLI

/// `partsmap report --redact`: for consultation and supervision, the report keeps no word the
/// person wrote, in HTML (picture included) or Markdown, with or without a view.
@Suite("Report: redaction")
struct ReportRedactionTests {
    /// Words partsmap itself uses for roles, statuses and the like: a redacted report shows
    /// these, so free text that happens to be one of them proves nothing.
    static let vocabulary: Set<String> = Set(Role.allCases.map(\.rawValue) + PartStatus.allCases.map(\.rawValue)
        + SelfQuality.allCases.map(\.rawValue) + SelfPresenceQuality.allCases.map(\.rawValue)
        + Burden.Kind.allCases.map(\.rawValue) + Burden.State.allCases.map(\.rawValue)
        + Relationship.Kind.allCases.map(\.rawValue) + SixFsStep.allCases.map(\.rawValue)
        + UnburdeningStep.allCases.map(\.rawValue))

    /// Every piece of free text in a map: the title, names, IDs, every text field, tags, custom
    /// values, relationship notes, session titles, notes and homework, status notes and comments.
    /// Multi-line text counts line by line as well as whole.
    static func freeText(of map: SystemMap) -> [String] {
        var texts: [String] = []
        func add(_ comments: Comments) { texts += comments.leading + (comments.trailing.map { [$0] } ?? []) }
        add(map.headerComments)
        texts += map.closingComments
        for item in map.items {
            add(item.comments)
            switch item {
            case .field(let field):
                texts.append(field.value)
            case .selfBlock(let block):
                for field in block.fields {
                    add(field.comments)
                    switch field.value {
                    case .note(let text): texts.append(text)
                    case .custom(_, let value): texts.append(value)
                    }
                }
            case .part(let part):
                texts += [part.id.rawValue] + (part.name.map { [$0] } ?? [])
                for field in part.fields {
                    add(field.comments)
                    switch field.value {
                    case .role, .selfLike, .status: break
                    case .age(let text), .body(let text), .beliefs(let text), .job(let text), .intent(let text), .fears(let text),
                         .trailheads(let text), .note(let text):
                        texts.append(text)
                    case .feelings(let list), .tags(let list): texts += list
                    case .burden(let burden): texts.append(burden.text); texts += burden.lineage
                    case .custom(_, let value): texts.append(value)
                    }
                }
            case .burden(let unattached):
                texts.append(unattached.burden.text)
                texts += unattached.burden.lineage
            case .relationship(let relationship):
                if let note = relationship.note { texts.append(note) }
            case .session(let session):
                if let title = session.title { texts.append(title) }
                for field in session.fields {
                    add(field.comments)
                    switch field.value {
                    case .homework(let text), .note(let text): texts.append(text)
                    case .custom(_, let value): texts.append(value)
                    case .statusChange(let change): if let note = change.note { texts.append(note) }
                    case .unburdening(let record): if let detail = record.detail { texts.append(detail) }
                    case .permission(let permission): if let note = permission.note { texts.append(note) }
                    case .blended(let blending): if let concern = blending.concern { texts.append(concern) }
                    case .feelToward(let answer): texts += answer.answers
                    case .roleChange(let change): texts += [change.from, change.to]
                    case .intensity(let intensity): if let burden = intensity.burden { texts.append(burden) }
                    case .present, .selfEnergy, .selfPresence, .sixFs, .feelings: break
                    }
                }
            }
        }
        var all: [String] = []
        for text in texts {
            all.append(text)
            all += ReportModel.lines(text)
        }
        return Array(Set(all.map { $0.trimmingCharacters(in: .whitespaces) }))
            .filter { $0.count > 3 && !vocabulary.contains($0.lowercased()) }
            .sorted()
    }

    @Test func thereIsPlentyOfFreeTextToLookFor() throws {
        let texts = Self.freeText(of: try ReportTestSupport.example())
        #expect(texts.count > 150)
        #expect(texts.contains("The Fog") && texts.contains("fog") == false && texts.contains("little"))
        #expect(texts.contains("Sam — living inside the fog"))
    }

    static let variants: [[String]] = [
        [], ["--hide", "exiles"], ["--focus", "fog", "--depth", "2"], ["--session", "3"], ["--group", "protection"],
        ["--group", "tag"], ["--tag", "numbness"], ["--only", "protectors", "--theme", "print"],
    ]

    @Test(arguments: variants)
    func noFreeTextLeaksIntoARedactedReport(view: [String]) throws {
        let folder = try ReportTestSupport.folderWithExample()
        defer { TestSupport.cleanUp(folder) }
        let texts = Self.freeText(of: try ReportTestSupport.example())
        try ReportTestSupport.partsmap(["report", "numbness.parts", "--redact", "-o", "case.html"] + view, in: folder)
        try ReportTestSupport.partsmap(["report", "numbness.parts", "--redact", "-o", "case.md"] + view, in: folder)
        for name in ["case.html", "case.md"] {
            let output = try ReportTestSupport.read(folder, name)
            // Compared as written and as escaped for HTML, so an escaped quote cannot hide a leak.
            let decoded = output.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "\\", with: "")
            let leaks = texts.filter { output.contains($0) || decoded.contains($0) }
            #expect(leaks.isEmpty, "\(view) \(name) shows: \(leaks)")
            #expect(output.contains("Redacted"))
        }
        let html = try ReportTestSupport.read(folder, "case.html")
        #expect(html.contains("Redacted for consultation"))
        if view.isEmpty {
            #expect(html.contains("id=\"part-manager-1\"") && html.contains(">Manager 1 <span class=\"id\">(manager-1)</span></h3>"))
            #expect(html.contains("age 6-12"))
            #expect(ReportTestSupport.count("<article class=\"card ", in: html) == 9)
            #expect(ReportTestSupport.count("<article class=\"session", in: html) == 5, "sessions stay, without their words")
            #expect(html.contains("<li>legacy, witnessed</li>"), "a burden is shown by kind and state only")
        }
    }

    @Test func aRedactedReportMadeWithoutGraphvizLeaksNothingEither() throws {
        let map = try ReportTestSupport.example()
        var options = try PictureOptions(ParsedArguments(), ReportCommand.spec)
        options.redact = true
        let prepared = try options.prepare(map)
        let model = ReportModel(map: prepared.map, view: options.view, redacted: true)
        let outputs = [ReportHTML.html(model, picture: .missing("none")), ReportMarkdown.markdown(model)]
        for output in outputs {
            let leaks = Self.freeText(of: map).filter { output.contains($0) }
            #expect(leaks.isEmpty, "\(leaks)")
        }
    }
}
