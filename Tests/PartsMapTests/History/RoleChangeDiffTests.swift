import Testing
@testable import PartsMap

/// A change of role recorded in a session shows in `diff` and in `history`'s one-line summary.
@Suite("Role changes in diff and history")
struct RoleChangeDiffTests {
    @Test func anAddedSessionsRoleChangeIsReported() {
        let before = TestSupport.parseValid("partsmap 1\npart fog\n  role: manager\n")
        let after = TestSupport.parseValid("partsmap 1\npart fog\n  role: manager\nsession 2026-12-03: Session 7\n"
                                           + "  role fog: numbing every feeling -> early warning of tiredness\n")
        let report = DiffReport(MapDiff(from: before, to: after))
        #expect(report.text.contains("session 2026-12-03 Session 7\n    new role for fog: numbing every feeling → early warning of tiredness"))
        #expect(report.summary.contains("fog new role: early warning of tiredness"))
    }
}
