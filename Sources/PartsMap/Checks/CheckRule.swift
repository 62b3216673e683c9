/// One check of `partsmap check`: a stable ID (used in output, `--explain`, `--ignore`,
/// `ignore-checks:` and `# partsmap-ignore:`), a one-line summary, and why it matters.
///
/// docs/checks.md documents every rule with an example map; a test keeps the two in step.
public struct CheckRule: Sendable, Hashable {
    /// The stable ID people use to ignore or explain the rule (`exile-unprotected`); never changes.
    public let id: String
    /// What the rule catches, in one line.
    public let summary: String
    /// Why it matters clinically, and the fix: what `partsmap check --explain ID` prints.
    public let explanation: String

    /// Every rule, in the order docs/checks.md lists them.
    public static let all: [CheckRule] = [
        CheckRule(id: "related-to-itself", summary: "A part, or the Self, is related to itself.",
                  explanation: "A relationship joins two different parts (or a part and the Self). A line like 'fog allied fog' "
                      + "is almost always a typo for another part's ID. Fix: correct one end of the line."),
        CheckRule(id: "duplicate-relationship", summary: "The same relationship is written twice.",
                  explanation: "Two lines that say the same thing (for polarized, allied and alternates, in either order) "
                      + "make the picture draw one edge twice and hide which note is current. Fix: keep one line and "
                      + "merge the notes."),
        CheckRule(id: "ids-differ-in-case", summary: "Two part IDs differ only in letter case.",
                  explanation: "The map reads 'Fog' and 'fog' as two parts, but people do not: a reader takes one for the "
                      + "other, and partsmap's commands, which take an ID in any letter case, must then be given the "
                      + "exact one. partsmap never makes such a pair ('part add' and 'part rename' refuse it); a "
                      + "hand-written map can. Fix: give one of them another ID (partsmap part rename Fog big-fog)."),
        CheckRule(id: "protector-role", summary: "A part protects another, but it is not a protector.",
                  explanation: "Protecting is the job of managers and firefighters (or a protector whose kind is not "
                      + "clear yet). An exile or a part of unknown role recorded as protecting usually means the line "
                      + "is the wrong way round, or the part's role is not recorded yet. Fix: swap the ends, or give "
                      + "the part its role (role: manager, firefighter or protector)."),
        CheckRule(id: "protects-self", summary: "A part is recorded as protecting the Self.",
                  explanation: "In IFS the Self cannot be damaged and needs no protection; protectors guard exiles (and "
                      + "other protectors). A part that 'protects Self' is usually blended with it. Fix: record "
                      + "'PART blends self', or name the exile it really guards."),
        CheckRule(id: "polarized-not-protectors", summary: "An exile or the Self is recorded as polarized.",
                  explanation: "Polarizations are between protectors pulling in opposite directions; exiles carry pain "
                      + "rather than fight, and the Self does not take sides. Fix: use 'triggers' or 'protects', or "
                      + "name the protector that takes that side."),
        CheckRule(id: "exile-unprotected", summary: "An exile has no protector recorded.",
                  explanation: "Every exile is kept out of awareness by protectors; going to an exile without knowing "
                      + "them risks backlash. An exile tied to the system only by a firefighter it triggers is told "
                      + "apart: the firefighter may be its protector. Fix: add 'PROTECTOR protects EXILE'."),
        CheckRule(id: "session-order", summary: "A session is dated before the one above it.",
                  explanation: "Sessions are read oldest first: the journey, history and charts follow the file order, "
                      + "so a session out of order usually means a mistyped date. Fix: correct the date or move the "
                      + "session."),
        CheckRule(id: "status-back-without-note", summary: "A status goes back in a session with no note.",
                  explanation: "Going back (trusting -> befriended) is normal after a hard week, but without a note a "
                      + "later reader may take it for a mistake or a failure. Fix: add a note after a second colon: "
                      + "'status fog: trusting -> befriended: the card from dad'."),
        CheckRule(id: "rating-range", summary: "A rating is outside 0 to 10.",
                  explanation: "Self-energy (8 Cs, 5 Ps), feelings check-ins and burden intensities are rated from 0 "
                      + "to 10; a rating outside is a typo that would distort the charts. Fix: correct the number."),
        CheckRule(id: "status-behind-session", summary: "A part's status is behind what its latest session recorded.",
                  explanation: "The part's 'status:' is where it stands now, and sessions record the changes. Moving "
                      + "forward between sessions (partsmap part set fog status befriended) needs no session, but "
                      + "going back does: a status behind the latest session's, with no step back recorded, is "
                      + "usually a status not updated. Fix: set 'status:' to the session's, or record the step back "
                      + "in a session with a note."),
        CheckRule(id: "status-missing", summary: "A session changes the status of a part that has no status.",
                  explanation: "A session records a status change, but the part has no 'status:' field, so the card, "
                      + "report and picture show no status. Fix: add 'status:' to the part (partsmap part set ID "
                      + "status STATUS)."),
        CheckRule(id: "burden-still-carried", summary: "A part is unburdened while one of its burdens is still carried.",
                  explanation: "Status 'unburdened' says the part has released its burdens; a burden still 'carried' "
                      + "contradicts it, and the next session may skip a burden that still needs witnessing. Fix: mark "
                      + "the burden 'witnessed' or 'released', or set the status back."),
        CheckRule(id: "lineage-not-legacy", summary: "A burden names who handed it down, but it is not a legacy burden.",
                  explanation: "'from mother, grandmother' records the lineage of a legacy burden: one that came down the "
                      + "family rather than from the person's own experience. On a personal or cultural burden it "
                      + "mixes up who hurt the person with whom the burden belongs to, and legacy unburdening (sending "
                      + "it back down the line) would be missed. Fix: make it 'burden legacy from ...', or drop 'from' "
                      + "and say in a note who was involved."),
        CheckRule(id: "unburdening-not-exile", summary: "Unburdening steps are recorded for a part that is not an exile.",
                  explanation: "The steps of unburdening (witnessing, do-over, retrieval...) are how Self heals an exile; "
                      + "a protector is first befriended through the 6 Fs. Recording them on a protector usually means "
                      + "the wrong part ID or a missing 'role: exile'. Fix: correct the part or its role."),
        CheckRule(id: "unburdening-order", summary: "An unburdening step comes before the steps it needs.",
                  explanation: "Witnessing comes before retrieval, retrieval before unburdening, unburdening before "
                      + "invitation and integration (the do-over is optional). A step recorded before those it needs, "
                      + "in the same session or earlier ones, overstates how far the work got. Fix: record the earlier "
                      + "step (as 'started' if it only began), or correct the step."),
        CheckRule(id: "sixfs-on-exile", summary: "The 6 Fs are recorded for an exile.",
                  explanation: "The 6 Fs are how Self gets to know a protector; an exile is witnessed and unburdened, "
                      + "and only with its protectors' permission. Fix: record 'unburdening' steps for the exile, or "
                      + "correct the part ID."),
        CheckRule(id: "integrated-still-blends", summary: "An integrated part still blends with Self.",
                  explanation: "'integrated' says the part has taken up a new, preferred role; a part that still takes the "
                      + "seat of Self is not there yet. Fix: remove 'PART blends self' if it no longer blends, or set "
                      + "the status back."),
        CheckRule(id: "permission-missing", summary: "An exile's unburdening began before a protector gave permission.",
                  explanation: "Before Self goes to an exile, each of its protectors is asked; going in without a "
                      + "protector's permission invites backlash (a polarized protector especially). Fix: record the "
                      + "answer in that session or an earlier one: 'permission fog for little: agrees' (or 'conditions: "
                      + "only if it can close again')."),
        CheckRule(id: "permission-refused", summary: "An exile's unburdening went on after a protector refused.",
                  explanation: "The protector's latest answer was 'refuses'. Going on anyway overrides a protector, "
                      + "which IFS avoids. Fix: record the answer it gave later ('agrees' or 'conditions'), or return to "
                      + "the protector's fears."),
        CheckRule(id: "feel-toward-unblended", summary: "A feel-toward answer is not a C, and no part is recorded as blended.",
                  explanation: "When the answer to 'how do you feel toward this part?' is not one of Self's qualities "
                      + "(curious, calm, compassionate...), another part has blended. Fix: record which, and whether it "
                      + "stepped back: 'blended critic: stepped-back'."),
        CheckRule(id: "feeling-typo", summary: "A feeling in a check-in looks like a misspelt common feeling.",
                  explanation: "Any feeling word may be rated, but the feelings chart follows each word across sessions, "
                      + "so 'sadnes' and 'sadness' would be two lines. Fix: use the spelling suggested, or quote the "
                      + "word if it is meant."),
        CheckRule(id: "tag-typo", summary: "A tag of a documented vocabulary looks like a misspelt term.",
                  explanation: "Tags such as 'schema:detached-protector' or 'dbt:opposite-action' are grouped and selected "
                      + "by vocabulary; any term is allowed, but one a letter or two away from a documented term is "
                      + "probably a typo, and would make its own group. Fix: use the spelling suggested."),
        CheckRule(id: "unknown-rule", summary: "A rule to ignore does not exist.",
                  explanation: "'ignore-checks:' and '# partsmap-ignore:' take the rule IDs listed by 'partsmap check "
                      + "--explain'; a misspelt ID silently ignores nothing. Fix: use the suggested ID."),
    ]

    /// The rule with this ID, or `nil` for an unknown ID.
    public static func named(_ id: String) -> CheckRule? { all.first { $0.id == id } }
}
