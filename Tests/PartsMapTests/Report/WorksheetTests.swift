import Foundation
import Testing
@testable import PartsMap

/// `partsmap worksheet`: one printable page per part, as HTML and as PDF through real Graphviz.
@Suite("Worksheet")
struct WorksheetTests {
    /// What a person reads in Graphviz's drawing of a worksheet: its text lines joined, spaces collapsed.
    func drawnText(_ sheet: Worksheet) throws -> (text: String, stderr: String) {
        let dotPath = try #require(TestSupport.dotPath, "Graphviz must be installed (apt-get install graphviz)")
        let result = try TestSupport.run(dotPath, ["-Tsvg"], input: Data(WorksheetPDF.dot(sheet).utf8))
        #expect(result.status == 0, "dot failed: \(result.stderr)")
        let document = try SVGDocument(data: result.stdoutData)
        return (collapsed(document.groups.flatMap(\.texts).joined(separator: " ")), result.stderr)
    }

    func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{A0}" }).joined(separator: " ")
    }

    /// The page size a PDF declares, in points.
    func mediaBox(_ data: Data) throws -> (width: Int, height: Int) {
        let text = String(decoding: data, as: UTF8.self)
        let match = try #require(text.firstMatch(of: /\/MediaBox \[ 0 0 ([0-9]+) ([0-9]+) \]/))
        return (try #require(Int(match.1)), try #require(Int(match.2)))
    }

    @Test func theFogsWorksheetHasItsCardQuestionsAndAnswers() throws {
        let map = try ReportTestSupport.example()
        let fog = try #require(map.part(PartID(unchecked: "fog")))
        let sheet = Worksheet(part: fog, map: map)
        #expect(sheet.questions.compactMap(\.step) == SixFsStep.allCases)
        #expect(sheet.questions.allSatisfy { $0.reached }, "session 2 recorded '6fs fog: fears'")
        #expect(sheet.progress == "The 6 Fs reached “fears” on 2026-10-22 (Session 2 — the Fog's job).")
        let answers = Dictionary(uniqueKeysWithValues: sheet.questions.compactMap { question in question.step.map { ($0, question.answers) } })
        #expect(answers[.find] == fog.body)
        #expect(answers[.focus] == ["flat, tired, watchful"])
        #expect(answers[.fleshOut] == ["age: feels about 8; says it came the winter dad left"] + fog.jobs)
        #expect(answers[.befriend] == fog.intents)
        #expect(answers[.fears] == fog.fears)
        #expect(sheet.card.map(\.label) == ["Beliefs", "Burdens", "Trailheads", "Relationships"])
        #expect(sheet.caution == nil)
        let little = Worksheet(part: try #require(map.part(PartID(unchecked: "little"))), map: map)
        #expect(little.caution == "Little One is an exile: go to it only with its protectors' permission, and go gently.")
        #expect(WorksheetHTML.html(little).contains("and go gently."))

        let html = WorksheetHTML.html(sheet)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.contains("@page { size: A4;"))
        for text in fog.body + fog.jobs + fog.intents + fog.fears + fog.beliefs + ["flat, tired, watchful"] {
            #expect(html.contains(XMLText.escaped(text)), "\(text)")
        }
        for question in sheet.questions { #expect(html.contains(XMLText.escaped(question.prompt))) }
        #expect(ReportTestSupport.count("<div class=\"line\"></div>", in: html)
                == sheet.questions.map(\.blankLines).reduce(0, +) + Worksheet.noteLines)
        for forbidden in ["<script", "<img", "http://", "https://", "<link"] { #expect(!html.contains(forbidden)) }

        let drawn = try drawnText(sheet)
        for text in fog.body + fog.jobs + fog.intents + fog.fears + fog.beliefs + ["flat, tired, watchful"] {
            #expect(drawn.text.contains(collapsed(text)), "the PDF drawing lacks '\(text)'")
        }
        #expect(drawn.text.contains("1. Find (reached): Where do you notice The Fog: in or around your body?"))
        #expect(!drawn.stderr.contains("Warning") && !drawn.stderr.contains("Error"), "\(drawn.stderr)")
    }

    @Test func feelTowardComesFromTheExploreSessionNote() throws {
        let map = TestSupport.parseValid("""
            partsmap 1
            part fog: The Fog
              role: manager
            session 2026-11-19: Exploring fog
              present: fog
              6fs fog: feel-toward
              note:
                Explored fog with the 6 Fs (partsmap explore).
                Felt toward it: annoyed; then curious.
            """)
        let sheet = Worksheet(part: try #require(map.parts.first), map: map)
        #expect(sheet.questions[3].answers == ["annoyed; then curious"])
        #expect(sheet.questions.map(\.reached) == [true, true, true, true, false, false])
        #expect(sheet.questions[0].answers.isEmpty && sheet.questions[0].blankLines == 3)
    }

    @Test func theCommandWritesHTMLAndAOnePagePDF() throws {
        let folder = try ReportTestSupport.folderWithExample()
        defer { TestSupport.cleanUp(folder) }
        let html = try ReportTestSupport.partsmap(["worksheet", "fog", "numbness.parts"], in: folder)
        #expect(html.stderr.contains("wrote fog.worksheet.html"))
        let page = try ReportTestSupport.read(folder, "fog.worksheet.html")
        #expect(page.contains("heavy grey behind the eyes, a lid pressing down on the chest"))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("fog.worksheet.html").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        for (part, paper, size) in [("fog", "a4", (595, 842)), ("little", "letter", (612, 792)), ("anger", "a4", (595, 842))] {
            try ReportTestSupport.partsmap(["worksheet", part, "numbness.parts", "-o", "\(part).pdf", "--page", paper], in: folder)
            let data = try Data(contentsOf: folder.appendingPathComponent("\(part).pdf"))
            #expect(data.starts(with: Array("%PDF-".utf8)))
            let box = try mediaBox(data)
            #expect(box.width <= size.0 && box.height <= size.1 && (box.width == size.0 || box.height == size.1),
                    "\(part): a \(box.width)x\(box.height) page is not one \(paper) page")
            #expect(String(decoding: data, as: UTF8.self).components(separatedBy: "/Type /Page\n").count - 1 <= 1)
        }

        try ReportTestSupport.partsmap(["worksheet"], in: folder, expect: 64)
        try ReportTestSupport.partsmap(["worksheet", "fog", "numbness.parts", "-o", "fog.png"], in: folder, expect: 64)
        let unknown = try ReportTestSupport.partsmap(["worksheet", "fgo", "numbness.parts"], in: folder, expect: 65)
        #expect(unknown.stderr.contains("did you mean 'fog'"))
        try ReportTestSupport.partsmap(["worksheet", "fog", "--map", "numbness.parts", "-o", "sub.html"], in: folder)
    }

    @Test("-o - writes every worksheet format to standard output, as render does; --format names it")
    func everyFormatToStandardOutput() throws {
        let folder = try ReportTestSupport.folderWithExample()
        defer { TestSupport.cleanUp(folder) }
        for (arguments, signature) in [(["-o", "-"], "<!DOCTYPE html>"), (["-o", "-", "--format", "html"], "<!DOCTYPE html>"),
                                       (["-o", "-", "-Tpdf"], "%PDF-"), (["--output", "-", "--format", "pdf", "--page", "letter"], "%PDF-")] {
            let result = try ReportTestSupport.partsmap(["worksheet", "The Fog", "numbness.parts"] + arguments, in: folder)
            #expect(result.stdoutData.starts(with: Array(signature.utf8)), "\(arguments): \(Array(result.stdoutData.prefix(16)))")
            #expect(!result.stderr.contains("wrote"), "\(result.stderr)")
            if signature == "%PDF-" {
                // A whole PDF: it ends with its end-of-file marker and holds one page of the paper asked for.
                #expect(String(decoding: result.stdoutData.suffix(16), as: UTF8.self).contains("%%EOF"))
                let box = try mediaBox(result.stdoutData)
                let expected = arguments.contains("letter") ? (612, 792) : (595, 842)
                #expect(box.width <= expected.0 && box.height <= expected.1 && (box.width == expected.0 || box.height == expected.1),
                        "\(arguments): a \(box.width)x\(box.height) page")
            } else {
                #expect(result.stdout.contains("heavy grey behind the eyes"))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/-"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("worksheet") }.isEmpty)
        // --format alone names the default file; a name that says otherwise is a usage error.
        let pdf = try ReportTestSupport.partsmap(["worksheet", "fog", "numbness.parts", "--format", "pdf"], in: folder)
        #expect(pdf.stderr.contains("wrote fog.worksheet.pdf"), "\(pdf.stderr)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("fog.worksheet.pdf")).starts(with: Array("%PDF-".utf8)))
        let clash = try ReportTestSupport.partsmap(["worksheet", "fog", "numbness.parts", "-o", "fog.html", "--format", "pdf"], in: folder, expect: 64)
        #expect(clash.stderr.contains("ends in .html but --format is pdf"), "\(clash.stderr)")
    }

    @Test func hostileTextIsDrawnAsTextOnOnePage() throws {
        let texts = HostileText.corpus + [HostileText.long]
        let map = ReportTestSupport.hostileMap(texts)
        for part in map.parts {
            let sheet = Worksheet(part: part, map: map, page: .a4)
            let dot = WorksheetPDF.dot(sheet)
            // User text only inside the one label: one node, no attributes from it.
            #expect(ReportTestSupport.count("\" [", in: dot) == 1)
            let drawn = try drawnText(sheet)
            #expect(!drawn.stderr.contains("Error"), "\(drawn.stderr)")
            let name = try #require(part.name)
            let shown = collapsed(DOTText.displayed(Worksheet.shortened(name, to: 50)))
            #expect(drawn.text.contains(String(shown.prefix(30))), "'\(shown.prefix(30))' is not in the drawing")
            let html = WorksheetHTML.html(sheet)
            #expect(!html.contains("<script") && !html.contains("<![CDATA["))
        }
        // The longest text still makes one page: long answers are shortened.
        let longest = try #require(map.parts.last)
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let dotPath = try #require(TestSupport.dotPath)
        let pdf = folder.appendingPathComponent("long.pdf").path
        try GraphvizRenderer(executable: dotPath).render(dot: WorksheetPDF.dot(Worksheet(part: longest, map: map)), format: .pdf,
                                                         layout: .dot, to: pdf)
        let box = try mediaBox(try Data(contentsOf: URL(fileURLWithPath: pdf)))
        #expect(box.width <= 595 && box.height <= 842)
    }

    @Test func wrappingKeepsEveryWordAndRespectsTheWidth() {
        let text = "a lid pressing down on the chest " + String(repeating: "x", count: 130) + " end"
        let lines = WorksheetPDF.wrap(text, width: 40)
        #expect(lines.allSatisfy { $0.count <= 40 })
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == text.replacingOccurrences(of: " ", with: ""))
        #expect(WorksheetPDF.escaped("<B>&\"'\\N") == "&lt;B&gt;&amp;&quot;&#39;\\\\N")
    }
}
