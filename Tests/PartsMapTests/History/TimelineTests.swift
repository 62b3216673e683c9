import Foundation
import Testing
@testable import PartsMap

/// `timeline`: frames that show only what was known, a page that holds the drawing once.
@Suite("Timelines")
struct TimelineTests {
    /// Four sessions: the Fog from session 1, the Critic first named in session 3, Little One
    /// in session 4; the Helper is never named (undated).
    static let fourSessions = """
        partsmap 1
        title: Sam

        part fog: The Fog
          role: manager
          status: trusting

        part critic: The Critic
          role: manager
          status: befriended

        part little: Little One
          role: exile

        part helper: The Helper
          role: manager

        fog protects little
        critic polarized fog
        helper allied fog
        helper blends self

        session 2026-01-05: First
          present: fog
          status fog: noticed -> known

        session 2026-01-12: Second
          self: calm 4

        session 2026-01-19: Third
          status critic: noticed -> known
          status fog: known -> befriended

        session 2026-01-26: Fourth
          present: little, critic
          status critic: known -> befriended
          status fog: befriended -> trusting

        """

    static func parse(_ text: String) throws -> SystemMap {
        let parsed = MapParser.parse(SourceText(text))
        #expect(parsed.diagnostics.filter { $0.severity == .error }.isEmpty, "\(parsed.diagnostics)")
        return parsed.map
    }

    static func status(_ part: Part) -> PartStatus? { part.status }

    @Test func sessionFramesShowOnlyWhatWasKnown() throws {
        let map = try Self.parse(Self.fourSessions)
        let frames = Timeline.sessionFrames(of: map)
        #expect(frames.count == 4)
        let shown = frames.map { Set($0.map.parts.map(\.id.rawValue)) }
        #expect(shown[0] == ["fog", "helper"], "session 1 knows the Fog; the Helper is undated")
        #expect(shown[1] == ["fog", "helper"])
        #expect(shown[2] == ["fog", "helper", "critic"], "the Critic is first named in session 3")
        #expect(shown[3] == ["fog", "helper", "critic", "little"])
        let lines = frames.map { Set($0.map.relationships.map(\.identity)) }
        let protects = "fog protects little", polarized = "critic polarized fog"
        #expect(!lines[0].contains(protects) && !lines[2].contains(protects) && lines[3].contains(protects),
                "a relationship is known once both its parts are: Little One in session 4")
        #expect(!lines[1].contains(polarized) && lines[2].contains(polarized))
        let helperLines = map.relationships.filter { $0.involves(PartID("helper")!) }.map(\.identity)
        #expect(helperLines.count == 2 && lines.allSatisfy { $0.isSuperset(of: helperLines) },
                "a relationship between undated parts and known parts from the start")
        // Statuses as the session log has them.
        let fog = frames.map { $0.map.parts.first { $0.id.rawValue == "fog" }?.status }
        #expect(fog == [.known, .known, .befriended, .trusting])
        let critic = frames.map { $0.map.parts.first { $0.id.rawValue == "critic" }?.status }
        #expect(critic == [nil, nil, .known, .befriended])
        #expect(frames.allSatisfy { $0.map.parts.first { $0.id.rawValue == "helper" }?.status == nil },
                "no session records the Helper's status: none is shown")
        // What is new is marked.
        let critic3 = try #require(frames[2].decorations.parts[PartID("critic")!]?.note)
        #expect(critic3.hasPrefix("NEW") && critic3.contains("noticed → known"))
        #expect(frames[3].decorations.parts[PartID("little")!]?.note == "NEW, present")
        #expect(frames[1].decorations.parts[PartID("fog")!] == nil, "nothing happened to the Fog in session 2")
        #expect(frames.allSatisfy { $0.decorations.parts[PartID("helper")!]?.note == "undated" })
        #expect(frames[3].decorations.relationships[protects]?.note == "new")
        #expect(frames[2].decorations.relationships[polarized]?.note == "new")
        #expect(frames[3].decorations.relationships[polarized] == nil)
    }

    /// Over generated maps: every frame shows exactly the parts no session names or that a
    /// session up to it names, and each part's status is the last change recorded by then.
    @Test func sessionFramesFollowTheSessionLog() {
        for seed in 1...150 {
            var generator = MapGenerator(seed: UInt64(seed))
            let map = generator.map()
            let sessions = map.sessions
            let frames = Timeline.sessionFrames(of: map)
            #expect(frames.count == sessions.count)
            for (index, frame) in frames.enumerated() {
                let named = Set(sessions[...index].flatMap(\.mentionedParts))
                let everNamed = Set(sessions.flatMap(\.mentionedParts))
                let expected = Set(map.parts.map(\.id).filter { named.contains($0) || !everNamed.contains($0) })
                #expect(Set(frame.map.parts.map(\.id)) == expected, "seed \(seed), frame \(index + 1)")
                for part in frame.map.parts {
                    let changes = sessions.enumerated().flatMap { offset, session in
                        session.statusChanges.filter { $0.part == part.id }.map { (offset, $0) }
                    }
                    let expectedStatus = changes.last { $0.0 <= index }?.1.to ?? changes.first.flatMap { $0.0 > index ? $0.1.from : nil }
                    #expect(part.status == expectedStatus, "seed \(seed), frame \(index + 1), \(part.id)")
                }
                let shown = Set(frame.map.parts.map(\.id))
                for relationship in frame.map.relationships {
                    #expect([relationship.from.partID, relationship.to.partID].compactMap { $0 }.allSatisfy(shown.contains),
                            "seed \(seed): a line never ends at a part the frame does not show")
                }
            }
        }
    }

    /// The frames replayed from the changes are the frames put in; the variants grow with the
    /// changes, not with frames × parts.
    @Test func framesAreKeptAsChanges() throws {
        var text = "partsmap 1\ntitle: Growing\n\n"
        var previous = SystemMap()
        var frames = TimelineFrames(title: "Growing")
        var expected: [Set<String>] = []
        for index in 0..<40 {
            text += "part p\(index): Part \(index)\n  role: manager\n\n"
            let map = try Self.parse(text + (index > 0 ? "p\(index) protects p\(index - 1)\n" : ""))
            let frame = Timeline.commitFrame(label: "commit \(index)", before: previous, after: map)
            frames.append(frame)
            expected.append(Set(frame.map.parts.map(\.id.rawValue) + frame.map.relationships.map(\.identity)))
            previous = map
        }
        #expect(frames.count == 40)
        // Each part: once new, once plain; each line: new, plain once the next commit replaces it, removed.
        #expect(frames.variants.count <= 40 * 2 + 39 * 3, "\(frames.variants.count) variants")
        var replay = frames.replay()
        while let (index, visible) = replay.next() {
            let names = Set(visible.map { number -> String in
                switch frames.variants[number].element {
                case .part(let part): return part.id.rawValue
                case .relationship(let relationship): return relationship.identity
                }
            })
            #expect(names == expected[index], "frame \(index + 1)")
            #expect(names.count == visible.count, "one variant of each thing per frame")
        }
        let changes = frames.changes.reduce(0) { $0 + $1.shown.count + $1.hidden.count }
        #expect(changes < 40 * 8, "\(changes) changes for 40 frames")
    }

    @Test func sha256MatchesKnownDigests() {
        func hex(_ text: String) -> String { SHA256.digest(Array(text.utf8)).map { String(format: "%02x", $0) }.joined() }
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Longer texts, across block boundaries, against the system's sha256sum.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") {
            for text in [String(repeating: "a", count: 55), String(repeating: "ü", count: 64), TimelinePage.script, TimelinePage.style] {
                let result = try? TestSupport.run("/usr/bin/sha256sum", [], input: Data(text.utf8))
                #expect(result?.stdout.hasPrefix(hex(text)) == true)
            }
        }
        #expect(SHA256.base64(Array("any carnal pleas".utf8)) == "YW55IGNhcm5hbCBwbGVhcw==")
        #expect(SHA256.base64(Array("any carnal pleasu".utf8)) == "YW55IGNhcm5hbCBwbGVhc3U=")
        #expect(SHA256.base64(Array("any carnal pleasur".utf8)) == "YW55IGNhcm5hbCBwbGVhc3Vy")
    }

    // MARK: The page

    /// Runs `partsmap timeline` on `text`; returns the page.
    static func page(_ text: String, _ arguments: [String] = ["--by", "session"]) throws -> (html: String, folder: URL) {
        let folder = try TestSupport.makeTemporaryFolder()
        try text.write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        let result = try TestSupport.partsmap(["timeline", "-o", "out"] + arguments, in: folder)
        #expect(result.status == 0, "\(result.stderr.prefix(800))")
        return (try String(contentsOf: folder.appendingPathComponent("out/index.html"), encoding: .utf8), folder)
    }

    /// The text between the first `start` after `from` and the next `end`.
    static func between(_ start: String, _ end: String, in text: String) -> String? {
        guard let from = text.range(of: start), let to = text.range(of: end, range: from.upperBound..<text.endIndex) else { return nil }
        return String(text[from.upperBound..<to.lowerBound])
    }

    /// The policy allows the page's one script and one style block by hash, nothing inline.
    static func checkPolicy(_ html: String) throws {
        let policy = try #require(between("http-equiv=\"Content-Security-Policy\" content=\"", "\"", in: html))
        #expect(!policy.contains("unsafe"), "\(policy)")
        #expect(policy.hasPrefix("default-src 'none';"))
        let script = try #require(between("<script>", "</script>", in: html))
        let style = try #require(between("<style>", "</style>", in: html))
        #expect(policy.contains("script-src " + SHA256.policySource(for: script) + ";"))
        #expect(policy.contains("style-src " + SHA256.policySource(for: style) + ";"))
        #expect(html.components(separatedBy: "<script").count == 3, "the JSON block and the script, nothing else")
        #expect(!html.contains(" style=\"") && !html.contains(" onload") && !html.contains(" onclick"))
    }

    @Test func pageHoldsTheDrawingOnceWithAStrictPolicy() throws {
        let (html, folder) = try Self.page(Self.fourSessions)
        defer { TestSupport.cleanUp(folder) }
        try Self.checkPolicy(html)
        #expect(html.components(separatedBy: "<svg").count == 2)
        #expect(html.components(separatedBy: "<option value=").count == 5, "a slider mark per session")
        let svgStart = try #require(html.range(of: "<svg"))
        let svgEnd = try #require(html.range(of: "</svg>"))
        let svg = String(html[svgStart.lowerBound..<svgEnd.upperBound])
        let document = try SVGDocument(data: Data(svg.utf8))
        #expect(!svg.contains(">Sam<"), "the drawing does not repeat the title the page heads")
        // Each variant once: the Critic is drawn as noticed (session 3) and as befriended and present (session 4).
        let critic = document.groups.filter { $0.kind == "node" && $0.name == "p_critic" }
        #expect(critic.count == 2)
        let json = try #require(Self.between("<script type=\"application/json\" id=\"timeline-data\">", "</script>", in: html))
        let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let frames = try #require(data["frames"] as? [[String: Any]])
        #expect(frames.map { $0["caption"] as? String } == Timeline.sessionFrames(of: try Self.parse(Self.fourSessions)).map(\.caption))
        // The page starts at the last frame: what it hides is what frame 4 does not show (nothing).
        #expect(!html.contains("class=\"node tl-off\"><title>p_little"))
    }

    /// Every variant of a part is drawn at the size the shared layout gave it, so the lines,
    /// routed once for that size, end at its outline in every frame (a smaller variant left a
    /// gap between arrowhead and box).
    @Test func variantsOfAPartShareTheLaidOutSize() throws {
        let (html, folder) = try Self.page(Self.fourSessions)
        defer { TestSupport.cleanUp(folder) }
        /// Width and height of the outline of each drawn variant of `name`.
        func outlines(_ name: String) -> [[Double]] {
            html.components(separatedBy: "<g id=\"v").dropFirst().compactMap { group -> [Double]? in
                // The outline: a polygon's points or a rounded box's path.
                guard group.contains("<title>\(name)</title>"),
                      let points = Self.between("points=\"", "\"", in: group) ?? Self.between(" d=\"", "\"", in: group) else { return nil }
                let xy = points.split(whereSeparator: { " MCL".contains($0) })
                    .map { $0.split(separator: ",").compactMap { Double($0) } }.filter { $0.count == 2 }
                guard let minX = xy.map({ $0[0] }).min(), let maxX = xy.map({ $0[0] }).max(),
                      let minY = xy.map({ $0[1] }).min(), let maxY = xy.map({ $0[1] }).max() else { return nil }
                return [maxX - minX, maxY - minY]
            }
        }
        let critic = outlines("p_critic")
        #expect(critic.count == 2, "noticed in session 3; befriended and present in session 4")
        if let first = critic.first {
            for other in critic { #expect(abs(other[0] - first[0]) < 0.5 && abs(other[1] - first[1]) < 0.5, "\(critic)") }
        }
    }

    /// The page in a real browser: the script runs under the policy and shows each frame as the
    /// session log has it.
    @Test func pageWorksInABrowser() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return }
        let (_, folder) = try Self.page(Self.fourSessions)
        defer { TestSupport.cleanUp(folder) }
        func dom(_ frame: Int) throws -> (dom: String, log: String) {
            let result = try TestSupport.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                                                        "--user-data-dir=" + folder.appendingPathComponent("profile").path, "--dump-dom",
                                                        "file://" + folder.appendingPathComponent("out/index.html").path + "#frame-\(frame)"])
            return (result.stdout, result.stderr)
        }
        func visible(_ name: String, in dom: String) -> Bool {
            dom.components(separatedBy: "<g id=\"v").dropFirst().contains { group in
                group.contains("<title>\(name)</title>") && !group.prefix(60).contains("tl-off")
            }
        }
        for (frame, parts) in [(1, ["p_fog", "p_helper"]), (3, ["p_fog", "p_helper", "p_critic"]), (4, ["p_fog", "p_helper", "p_critic", "p_little"])] {
            let (page, log) = try dom(frame)
            #expect(page.contains("<html lang=\"en\" class=\"js\">"), "the script ran")
            #expect(page.contains(">\(frame) of 4</output>"))
            #expect(!log.contains("Content Security Policy"), "\(log.prefix(500))")
            for name in ["p_fog", "p_helper", "p_critic", "p_little"] {
                #expect(visible(name, in: page) == parts.contains(name), "frame \(frame): \(name)")
            }
        }
    }

    @Test(arguments: HostileText.corpus)
    func hostileTextStaysText(_ text: String) throws {
        func quoted(_ value: String) -> String {
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
                .replacingOccurrences(of: "\t", with: "\\t") + "\""
        }
        let map = """
            partsmap 1
            title: \(quoted(text))

            part a: \(quoted(text))
              role: manager
            part b: \(quoted(text + "2"))
              role: exile

            a protects b: \(quoted(text))

            session 2026-01-05: \(quoted(text))
              present: a
            session 2026-01-12: \(quoted(text))
              present: b
              status b: noticed -> known

            """
        let (html, folder) = try Self.page(map)
        defer { TestSupport.cleanUp(folder) }
        try Self.checkPolicy(html)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("<h1>\(XMLText.escaped(text)): timeline</h1>"))
        if text.contains("<") || text.contains("\"") { #expect(!html.contains(text), "user text is escaped everywhere") }
        let svgStart = try #require(html.range(of: "<svg"))
        let svgEnd = try #require(html.range(of: "</svg>"))
        _ = try SVGDocument(data: Data(html[svgStart.lowerBound..<svgEnd.upperBound].utf8))
        let json = try #require(Self.between("<script type=\"application/json\" id=\"timeline-data\">", "</script>", in: html))
        #expect(!json.contains("<") && !json.contains(">"))
        let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let captions = (data["frames"] as? [[String: Any]])?.compactMap { $0["caption"] as? String }
        let parsed = try Self.parse(map)
        #expect(captions == Timeline.sessionFrames(of: parsed).map(\.caption), "the captions come back exactly")
    }
}
