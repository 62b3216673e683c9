import Foundation
import Testing
@testable import PartsMap
@testable import PartsMapCLI

/// Every command that expects a part takes it as people type it: the ID in any letter case or
/// the display name of exactly one part, through the one resolver (`SystemMap.resolvePart`).
/// Run through the real binary; the map must get the part's own ID.
@Suite("Parts named as people type them")
struct PartNamesTests {
    static let map = """
        partsmap 1
        title: Sam

        part fog: The Fog
          role: manager

        part little: Little One
          role: exile

        part critic: Critic
          role: manager

        fog protects little

        session 2026-11-12: Session 1
          present: fog

        """

    func folder(_ text: String = map) throws -> URL {
        let folder = try TestSupport.makeTemporaryFolder()
        try text.write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        return folder
    }

    func read(_ folder: URL) throws -> SystemMap {
        TestSupport.parseValid(try String(contentsOf: folder.appendingPathComponent("map.parts"), encoding: .utf8))
    }

    func id(_ text: String) -> PartID { PartID(unchecked: text) }

    @Test("session add: --present, --status, --feel-toward, --blended and --permission by name or any case")
    func sessionAdd() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let result = try TestSupport.partsmap([
            "session", "add", "--date", "2026-11-20", "--present", "the fog,LITTLE,Fog", "--status", "Little One=witnessed",
            "--feel-toward", "The Fog=curious", "--blended", "CRITIC=stepped-back", "--permission", "the fog:little one=agrees",
        ], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let map = try read(folder)
        let session = try #require(map.sessions.last)
        #expect(session.date.description == "2026-11-20")
        #expect(session.present == [id("fog"), id("little")])
        #expect(map.part(id("little"))?.status == .witnessed)
        let text = try String(contentsOf: folder.appendingPathComponent("map.parts"), encoding: .utf8)
        #expect(text.contains("  status little: witnessed\n"))
        #expect(text.contains("  feel-toward fog: curious\n"))
        #expect(text.contains("  blended critic: stepped-back\n"))
        #expect(text.contains("  permission fog for little: agrees\n"))
    }

    @Test("session add: an unknown part in any flag is refused with a suggestion, and nothing is written", arguments: [
        ["--present", "The Fgo"], ["--status", "Littel One=witnessed"], ["--feel-toward", "fgo=curious"],
        ["--blended", "critc=stepped-back"], ["--permission", "fog:Littel One=agrees"],
    ])
    func sessionAddUnknown(flag: [String]) throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let before = try Data(contentsOf: folder.appendingPathComponent("map.parts"))
        let result = try TestSupport.partsmap(["session", "add", "--date", "2026-11-20"] + flag, in: folder)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("did you mean"), "\(result.stderr)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("map.parts")) == before)
    }

    @Test("session edit --present replaces who came, by name")
    func sessionEdit() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let result = try TestSupport.partsmap(["session", "edit", "2026-11-12", "--present", "Little One, CRITIC"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try read(folder).sessions.first?.present == [id("little"), id("critic")])
    }

    @Test("relate, unrelate, part set, part rm and part rename take names and any case")
    func editingCommands() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        #expect(try TestSupport.partsmap(["relate", "CRITIC", "polarized", "the fog"], in: folder).status == 0)
        #expect(try read(folder).relationships.contains { $0.identity == "critic polarized fog" })
        #expect(try TestSupport.partsmap(["relate", "The Fog", "blends", "Self"], in: folder).status == 0)
        #expect(try read(folder).relationships.contains { $0.identity == "fog blends self" })
        #expect(try TestSupport.partsmap(["unrelate", "Critic", "polarized", "FOG"], in: folder).status == 0)
        #expect(try !read(folder).relationships.contains { $0.identity == "critic polarized fog" })
        #expect(try TestSupport.partsmap(["part", "set", "LITTLE", "age", "7"], in: folder).status == 0)
        #expect(try read(folder).part(id("little"))?.age == "7")
        #expect(try TestSupport.partsmap(["part", "rename", "Critic", "judge"], in: folder).status == 0)
        #expect(try read(folder).part(id("judge"))?.name == "Critic")
        #expect(try TestSupport.partsmap(["part", "rm", "JUDGE"], in: folder).status == 0)
        #expect(try read(folder).part(id("judge")) == nil)
    }

    @Test("dot, render and report --focus take a name")
    func focus() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let dot = try TestSupport.partsmap(["dot", "--focus", "little one", "--depth", "0"], in: folder)
        #expect(dot.status == 0, "\(dot.stderr)")
        #expect(dot.stdout.contains("p_little"))
        #expect(!dot.stdout.contains("p_fog"))
        // Redacted, the alias is taken as well as the name.
        for focus in ["manager-1", "The Fog"] {
            let redacted = try TestSupport.partsmap(["dot", "--redact", "--focus", focus, "--depth", "0"], in: folder)
            #expect(redacted.status == 0, "\(redacted.stderr)")
            #expect(redacted.stdout.contains("p_manager-1") && !redacted.stdout.contains("p_exile-1"), "\(focus)")
        }
        let unknown = try TestSupport.partsmap(["dot", "--focus", "The Fgo"], in: folder)
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("did you mean 'fog' (The Fog)?"), "\(unknown.stderr)")
        let report = try TestSupport.partsmap(["report", "--format", "md", "--focus", "LITTLE", "--depth", "0", "-o", "-"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("Little One"))
        guard TestSupport.dotPath != nil else { return }
        let render = try TestSupport.partsmap(["render", "--focus", "The Fog", "--depth", "0", "-o", "fog.svg"], in: folder)
        #expect(render.status == 0, "\(render.stderr)")
        let svg = try String(contentsOf: folder.appendingPathComponent("fog.svg"), encoding: .utf8)
        #expect(svg.contains(">The Fog<"))
        #expect(!svg.contains(">Little One<"))
    }

    @Test("journey, explore, worksheet and part show take names and any case")
    func lookingCommands() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let journey = try TestSupport.partsmap(["journey", "the fog"], in: folder)
        #expect(journey.status == 0, "\(journey.stderr)")
        #expect(journey.stdout.hasPrefix("The Fog (fog)"), "\(journey.stdout)")
        let explore = try TestSupport.partsmap(["explore", "FOG"], input: Data("stop\n".utf8), in: folder)
        #expect(explore.status == 0, "\(explore.stderr)")
        #expect(explore.stdout.contains("Let's get to know The Fog"), "\(explore.stdout)")
        let sheet = try TestSupport.partsmap(["worksheet", "LITTLE ONE", "-o", "-"], in: folder)
        #expect(sheet.status == 0, "\(sheet.stderr)")
        #expect(sheet.stdout.contains("Little One"))
        let show = try TestSupport.partsmap(["part", "show", "FOG"], in: folder)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.hasPrefix("The Fog (fog)"))
    }

    @Test("Words that fit several parts are refused with the list of them")
    func ambiguous() throws {
        let twins = """
            partsmap 1

            part c1: The Critic
              role: manager

            part c2: the critic
              role: manager

            part Fog: Big Fog

            part fog: Small Fog

            """
        let folder = try folder(twins)
        defer { TestSupport.cleanUp(folder) }
        let before = try Data(contentsOf: folder.appendingPathComponent("map.parts"))
        let byName = try TestSupport.partsmap(["session", "add", "--present", "THE CRITIC"], in: folder)
        #expect(byName.status == 65)
        #expect(byName.stderr.contains("(c1, c2)"), "\(byName.stderr)")
        let byCase = try TestSupport.partsmap(["part", "show", "FOG"], in: folder)
        #expect(byCase.status == 65)
        #expect(byCase.stderr.contains("(Fog, fog)"), "\(byCase.stderr)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("map.parts")) == before)
        let exact = try TestSupport.partsmap(["part", "show", "fog"], in: folder)
        #expect(exact.status == 0, "\(exact.stderr)")
        #expect(exact.stdout.hasPrefix("Small Fog (fog)"))
    }
}
